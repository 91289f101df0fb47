import { fromHtml } from 'hast-util-from-html'
import { bodyDates, isoDate, findDates } from '../pipeline/stages/dates.ts'
const t = fromHtml('<html><body><h1>T</h1><p class="submitted"><span property="dc:date dc:created" content="2019-07-07T18:44:31+02:00">x</span></p><time datetime="2020-01-02">y</time><span class="date">19. Juli 2014</span></body></html>')
console.log(JSON.stringify(t.children[0]).slice(0,600))
console.log(bodyDates(t, {lang:'de'}), isoDate('2019-07-07T18:44:31+02:00'), findDates('am 19. Juli 2014', {lang:'de'}))
