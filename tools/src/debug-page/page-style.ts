/** The page's only stylesheet, inlined: no external assets. */
export const pageStyle = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5f6b7a; --line: #dde2ea; --panel: #ffffff; --page: #f3f5f9; --accent: #3867d6; --bad: #d63838; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--page); }
header { padding: 16px 28px; background: #1d2330; color: #fff; }
header h1 { margin: 0 0 4px; font-size: 20px; }
header .summary { color: #c8d0dc; }
main { padding: 20px 28px 40px; display: grid; gap: 18px; max-width: 1280px; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; }
section h2 { margin: 0 0 10px; font-size: 16px; }
section p.hint { margin: -6px 0 10px; color: var(--muted); }
form { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; }
label { display: grid; gap: 4px; font-size: 12px; color: var(--muted); }
input, select, button { font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; background: #e7ecf5; color: var(--ink); margin: 0 4px 4px 0; }
.badge.degraded { background: var(--bad); color: #fff; }
.badge.ok { background: #2f9e63; color: #fff; }
.chart text { font-size: 12px; fill: var(--ink); }
.chart .bar-value, .chart .tick { fill: var(--muted); }
.chart .bar { fill: var(--accent); }
.chart .bar-outline { fill: none; stroke: #9aa7ba; stroke-dasharray: 3 2; }
.chart .bar-returned { opacity: 0.35; }
.chart .bar-row.degraded .bar-label { fill: var(--bad); font-weight: 600; }
.chart .bar-count-in { fill: #e4e9f2; }
.chart .bar-removed { fill: #e8883a; }
.chart .bar-time { fill: #7b61d1; }
.chart .bar-row.degraded .bar-time { fill: var(--bad); }
.histograms { display: flex; flex-wrap: wrap; gap: 18px; }
.histograms figure { margin: 0; }
.histograms figcaption { font-weight: 600; margin-bottom: 4px; }
.histograms .stats { color: var(--muted); font-size: 12px; }
.histogram .bucket { fill: #2b9bb0; }
.histogram .axis { stroke: #9aa7ba; }
.histogram line.median { stroke: #d63838; stroke-width: 2; }
.histogram line.mean { stroke: #1d2330; stroke-width: 1.5; stroke-dasharray: 4 3; }
.histogram text.median { fill: #d63838; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
td.number { font-variant-numeric: tabular-nums; text-align: right; }
.source { display: inline-block; padding: 0 6px; border-radius: 4px; color: #fff; font-size: 12px; margin: 0 3px 3px 0; }
.tasks { display: grid; grid-template-columns: repeat(2, max-content); column-gap: 14px; }
.task { display: grid; grid-template-columns: 86px 60px 40px; align-items: center; gap: 6px; font-size: 12px; }
.task .meter { height: 8px; background: #e4e9f2; border-radius: 4px; overflow: hidden; }
.task .meter span { display: block; height: 100%; background: #2b9bb0; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; color: var(--muted); font-size: 12px; margin-bottom: 6px; }
.legend i { display: inline-block; width: 14px; height: 10px; margin-right: 4px; vertical-align: middle; border-radius: 2px; }
.error { border-color: var(--bad); }
.error h2 { color: var(--bad); }
.empty { color: var(--muted); }
summary { cursor: pointer; font-weight: 600; }
pre { max-height: 480px; overflow: auto; margin: 10px 0 0; padding: 10px; font-size: 12px; background: #f7f8fb; border-radius: 6px; }
`;
