import { newContext } from '../pipeline/build/context.ts'
import { processDoc } from '../pipeline/index.ts'
import { decodeDoc } from '../pipeline/stages/read.ts'
const names = 'a abbr address area article aside audio b bdi bdo blockquote br button canvas caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr i iframe img input ins kbd label legend li map mark menu meter nav noscript object ol optgroup option output p picture pre progress q rp rt ruby s samp search section select slot small source span strong sub summary sup table tbody td template textarea tfoot th thead time tr track u ul var video wbr svg math center font big tt strike marquee blink nobr acronym dir frameset frame applet basefont isindex listing plaintext xmp image unknown-el'.split(' ')
const sentence = 'The committee met on Tuesday to discuss the proposal in detail and agreed to publish a report by the end of the year.'
const failures: string[] = []
for (const n of names) {
  const html = `<!doctype html><html><body><article><h1>A title</h1><p>${sentence}</p><p>${sentence} <${n}>inner words here</${n}> and more.</p><p>${sentence}</p></article></body></html>`
  const doc = processDoc(decodeDoc(new TextEncoder().encode(html), `raw/t-${n}.html`), newContext())
  if (doc.failed) failures.push(`${n}: ${doc.messages.map((m) => m.reason).join('; ')}`)
}
console.log(failures)
