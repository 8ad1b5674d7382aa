// Loads each HTML page of the web edition from disk in Debian's headless
// Chromium (puppeteer-core, no downloaded browser) and checks it:
//  - axe-core with the WCAG 2.2 AA rule set (tags wcag2a, wcag2aa, wcag21a,
//    wcag21aa, wcag22aa), in the page's default style, under
//    prefers-contrast: more, and with the "大きな文字" alternate style;
//  - reflow: at 320 CSS px wide (400 % zoom of a 1280 px window, WCAG 2.2
//    SC 1.4.10) no horizontal scrolling, in the default and large styles;
//  - screenshots of the first screen at 100 % and 400 % zoom;
//  - the text in reading order (header and main; navigation, ruby readings
//    and style excluded), for the golden test to compare with the print
//    edition.
// Usage: node check.js OUTDIR PAGE.html... (or an EPUB's content .xhtml)  Writes OUTDIR/<stem>-100.png,
// <stem>-400.png, <stem>-400-main.png (the start of main), <stem>.axe.json, <stem>.text.txt; prints "figure:" lines;
// exits 1 if any check fails, 2 if the browser cannot start.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE = require.resolve('axe-core/axe.min.js');

async function launch() {
    // A fresh profile each run; the network flags keep Chromium from
    // calling home on a closed network (machines/c.md).
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hiraku-chromium-'));
    const browser = await puppeteer.launch({
        executablePath: CHROMIUM,
        headless: true,
        userDataDir: profile,
        // Puppeteer's 30 s: Chromium's first start after its files have left
        // the page cache took 14 s on the idle CI machine, and over 30 s
        // while two sanitizer tests ran beside it (a CI run failed so).
        timeout: 180000,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update',
               '--disable-sync', '--disable-dev-shm-usage'],
    });
    return { browser, profile };
}

async function axe(page) {
    await page.addScriptTag({ path: AXE });
    return page.evaluate(async (tags) => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
        return {
            passes: r.passes.length,
            violations: r.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
            })),
        };
    }, TAGS);
}

// Turns on the alternate stylesheet with this title (what the browser's
// page-style menu does), or back to the default with null.
async function useStyle(page, title) {
    await page.evaluate((t) => {
        for (const l of document.querySelectorAll('link[rel~="alternate"][rel~="stylesheet"]')) {
            l.disabled = true;
            if (l.title === t) l.disabled = false;
        }
    }, title);
}

async function media(cdp, contrast) {
    await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-contrast', value: contrast }] });
    const on = await cdp.send('Runtime.evaluate', { expression: 'matchMedia("(prefers-contrast: more)").matches' });
    if (on.result.value !== (contrast === 'more')) throw new Error('prefers-contrast emulation did not take');
}

async function hscroll(page) {
    return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

function readingText() {
    const skip = new Set(['NAV', 'RT', 'RP', 'STYLE', 'SCRIPT', 'HEAD']);
    let out = '';
    const walk = (n) => {
        if (n.nodeType === Node.TEXT_NODE) { out += n.data; return; }
        if (n.nodeType !== Node.ELEMENT_NODE) return;
        // upper case in HTML, as written in XHTML (the EPUB's)
        const tag = n.localName.toUpperCase();
        if (skip.has(tag)) return;
        if (tag === 'BR') out += '\n';
        for (const c of n.childNodes) walk(c);
        if (/^(P|H[1-6]|LI|FIGCAPTION|PRE|HEADER|MAIN)$/.test(tag)) out += '\n';
    };
    walk(document.body);
    return out;
}

async function checkPage(browser, file, outDir) {
    const stem = path.basename(file).replace(/\.x?html$/, '');
    const page = await browser.newPage();
    const problems = [];
    await page.setViewport({ width: 1280, height: 800, deviceScaleFactor: 1 });
    await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
    const result = {};
    // puppeteer's emulateMediaFeatures does not know prefers-contrast; the
    // DevTools protocol does.
    const cdp = await page.createCDPSession();
    for (const [variant, setup] of [
        ['default', async () => { await useStyle(page, null); }],
        ['contrast', async () => { await media(cdp, 'more'); }],
        ['large', async () => { await media(cdp, ''); await useStyle(page, '大きな文字'); }],
    ]) {
        await setup();
        result[variant] = await axe(page);
        for (const v of result[variant].violations)
            problems.push(`axe ${variant}: ${v.id} (${v.impact}): ${v.help}: ${v.nodes.join(', ')}`);
    }
    await useStyle(page, null);
    await page.evaluate(() => window.scrollTo(0, 0)); // axe scrolls while it looks
    await page.screenshot({ path: path.join(outDir, `${stem}-100.png`) });
    const over100 = await hscroll(page);
    // 400 %: the same 1280 x 800 window at four device pixels per CSS px.
    await page.setViewport({ width: 320, height: 200, deviceScaleFactor: 4 });
    const over400 = await hscroll(page);
    await page.screenshot({ path: path.join(outDir, `${stem}-400.png`) });
    // and the body text at 400 %, where ruby and lists must reflow too
    await page.evaluate(() => document.getElementById('main').scrollIntoView());
    await page.screenshot({ path: path.join(outDir, `${stem}-400-main.png`) });
    await page.evaluate(() => window.scrollTo(0, 0));
    await useStyle(page, '大きな文字');
    const over400large = await hscroll(page);
    await useStyle(page, null);
    if (over100 > 0) problems.push(`horizontal scrolling at 100 %: ${over100} px`);
    if (over400 > 0) problems.push(`horizontal scrolling at 400 %: ${over400} px`);
    if (over400large > 0) problems.push(`horizontal scrolling at 400 % in large type: ${over400large} px`);
    fs.writeFileSync(path.join(outDir, `${stem}.text.txt`), await page.evaluate(readingText));
    fs.writeFileSync(path.join(outDir, `${stem}.axe.json`), JSON.stringify(result, null, 2));
    const n = (v) => result[v].violations.length;
    console.log(`figure: axe ${stem}: WCAG 2.2 AA, ${n('default')} violations (${result.default.passes} rules passed),` +
                ` ${n('contrast')} with prefers-contrast, ${n('large')} in large type;` +
                ` horizontal overflow at 320 px: ${Math.max(over400, 0)} px`);
    await page.close();
    return problems;
}

async function main() {
    const [outDir, ...files] = process.argv.slice(2);
    if (!outDir || files.length === 0) {
        console.error('usage: node check.js OUTDIR PAGE.html...');
        process.exit(2);
    }
    fs.mkdirSync(outDir, { recursive: true });
    let started;
    try {
        started = await launch();
    } catch (e) {
        console.error(`FAIL: the browser ${CHROMIUM} did not start: ${e.message.split('\n')[0]}`);
        process.exit(2);
    }
    let failed = false;
    try {
        for (const f of files) {
            for (const p of await checkPage(started.browser, f, outDir)) {
                console.log(`FAIL: ${path.basename(f)}: ${p}`);
                failed = true;
            }
        }
    } finally {
        await started.browser.close();
        fs.rmSync(started.profile, { recursive: true, force: true });
    }
    process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(`FAIL: ${e.stack || e}`); process.exit(1); });
