#!/usr/bin/env node
// The package's command (`npx crocus-pipeline build --raw DIR --out DIR`): the command line, run through tsx.
import { register } from 'tsx/esm/api'

register()
await import('./cli.ts')
