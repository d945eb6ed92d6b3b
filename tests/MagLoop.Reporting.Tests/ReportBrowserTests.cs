using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MagLoop.Reporting.Report;
using MagLoop.Studies;
using Microsoft.Playwright;

namespace MagLoop.Reporting.Tests;

/// <summary>A test that needs Debian's chromium (MAGLOOP_CHROMIUM); reported as skipped, with the reason, where it is unset.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public static string? Path => Environment.GetEnvironmentVariable("MAGLOOP_CHROMIUM") is { Length: > 0 } p ? p : null;

    public ChromiumFactAttribute()
    {
        if (Path is null) Skip = "Chromium: MAGLOOP_CHROMIUM is not set; .ci/run installs Debian's chromium and sets it (a browser is never downloaded).";
    }
}

/// <summary>The bundled scenarios' reports rendered in headless Chromium, to PNG and PDF (kept under the test output's report-artefacts).</summary>
public sealed class ReportBrowserTests
{
    private static readonly string Artefacts = Path.Combine(AppContext.BaseDirectory, "report-artefacts");

    private static readonly Lazy<StudyResult> WithMonteCarlo = new(() =>
        Study.Run(Scenarios.Path_("dfw-hub.yaml"), new StudyOptions { Simulate = true, MonteCarloDraws = 200, Seed = 1 }));

    private static readonly Lazy<StudyResult> TwoVesselsSimulated = new(() =>
        Study.Run(Scenarios.Path_("dfw-hub-2-vessels.yaml"), new StudyOptions { Simulate = true }));



    [ChromiumFact]
    public async Task Bundled_reports_render_with_every_section_chart_and_figure_of_study_json()
    {
        foreach (var name in new[] { "dfw-hub", "dfw-hub-2-vessels" })
        {
            var result = name == "dfw-hub" ? WithMonteCarlo.Value : TwoVesselsSimulated.Value;
            var (page, requests, browser, playwright) = await Open(name, StudyReport.Render(result), result.ToJson());
            await using var _ = browser;
            using var __ = playwright;

            foreach (var section in StudyReport.Sections)
                Assert.Equal(1, await page.Locator($"section[data-section='{section}']").CountAsync());
            var charts = new List<string> { "sankey", "utilisation", "capex-by-site", "capex-by-item", "opex", "cashflow", "dscr", "carbon-by-stage", "carbon-by-site" };
            if (result.Risk is not null) charts.AddRange(["tornado", "histogram", "cdf"]);
            else Assert.Equal(1, await page.Locator("[data-not-run='monte-carlo']").CountAsync());
            foreach (var chart in charts)
                Assert.True(await page.Locator($"figure[data-chart='{chart}'] svg *").CountAsync() > 10, $"{name}: chart {chart} is missing or empty");
            Assert.True(await page.Locator("figure[data-chart='sankey'] g.link").CountAsync() > 10);

            using var json = JsonDocument.Parse(result.ToJson());
            var checkedFigures = await CheckFigures(page, new Dictionary<string, JsonElement> { ["study"] = json.RootElement });
            Assert.True(checkedFigures > 300, $"{name}: only {checkedFigures} figures");
            // The headline figures as shown, formatted from study.json's values.
            var root = json.RootElement;
            Assert.Equal(Millions(root.GetProperty("economics").GetProperty("npvUsd").GetDouble()), await Shown(page, "economics.npvUsd"));
            Assert.Equal(Millions(root.GetProperty("economics").GetProperty("capexUsd").GetDouble()), await Shown(page, "economics.capexUsd"));
            Assert.Equal(root.GetProperty("production").GetProperty("magnetTonnesPerYear").GetDouble().ToString("N1", CultureInfo.InvariantCulture), await Shown(page, "production.magnetTonnesPerYear"));
            Assert.Equal(root.GetProperty("carbon").GetProperty("kgCo2ePerKgCutBlock").GetDouble().ToString("N2", CultureInfo.InvariantCulture), await Shown(page, "carbon.kgCo2ePerKgCutBlock"));

            await CheckReferences(page);
            Assert.Empty(requests);

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, name + ".png"), FullPage = true });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, name + "-first-page.png") });
            var pdf = await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(Artefacts, name + ".pdf"), Format = "A4", PrintBackground = true });
            var boxes = MediaBoxes(pdf);
            Assert.True(boxes.Count >= StudyReport.Sections.Count / 2, $"{name}: {boxes.Count} PDF pages");
            Assert.All(boxes, b => Assert.True(Math.Abs(b.Width - 595.3) < 2 && Math.Abs(b.Height - 841.9) < 2, $"page {b.Width} x {b.Height} pt is not A4"));
        }
    }

    [ChromiumFact]
    public async Task Comparison_report_shows_both_studies_and_their_differences_as_in_their_json()
    {
        var a = TwoVesselsSimulated.Value;
        var b = WithMonteCarlo.Value;
        var comparison = StudyComparison.Compare(a, b);
        var (page, requests, browser, playwright) = await Open("compare", StudyReport.RenderComparison(a, b), null);
        await using var _ = browser;
        using var __ = playwright;
        using var ja = JsonDocument.Parse(a.ToJson());
        using var jb = JsonDocument.Parse(b.ToJson());
        using var jc = JsonDocument.Parse(JsonSerializer.Serialize(comparison, StudyResult.JsonOptions));
        var n = await CheckFigures(page, new Dictionary<string, JsonElement> { ["a"] = ja.RootElement, ["b"] = jb.RootElement, ["comparison"] = jc.RootElement });
        Assert.True(n > 600, $"only {n} figures");
        foreach (var part in new[] { "a", "b" })
            foreach (var section in StudyReport.Sections)
                Assert.Equal(1, await page.Locator($"article[data-json='{part}'] section[data-section='{section}']").CountAsync());
        await CheckReferences(page);
        Assert.Empty(requests);
    }

    private static string Millions(double usd) => (usd < 0 ? "-$" : "$") + Math.Abs(usd / 1e6).ToString("N1", CultureInfo.InvariantCulture) + "M";

    private static async Task<string> Shown(IPage page, string path) =>
        (await page.Locator($"article[data-json='study'] [data-figure='{path}']").First.TextContentAsync())!;

    private static async Task<(IPage, List<string>, IBrowser, IPlaywright)> Open(string name, string html, string? json)
    {
        Directory.CreateDirectory(Artefacts);
        var file = Path.Combine(Artefacts, name + ".html");
        StudyReport.Write(html, file);
        if (json is not null) File.WriteAllText(Path.Combine(Artefacts, name + ".study.json"), json);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumFactAttribute.Path, Headless = true });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 794, Height = 1123 } });
        var url = new Uri(file).AbsoluteUri;
        var requests = new List<string>();
        // Any request beyond the file itself is a broken self-containment: recorded and refused.
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url == url) await route.ContinueAsync();
            else
            {
                lock (requests) requests.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return (page, requests, browser, playwright);
    }

    /// <summary>Every figure's data-value equals the value at its data-figure path in its study's JSON; returns how many were checked.</summary>
    private static async Task<int> CheckFigures(IPage page, Dictionary<string, JsonElement> json)
    {
        var figures = await page.EvaluateAsync<Figure[]>(
            "() => Array.from(document.querySelectorAll('[data-figure]')).map(e => ({ json: e.closest('[data-json]').dataset.json, path: e.dataset.figure, value: e.dataset.value, text: e.textContent }))");
        foreach (var f in figures)
        {
            var element = Resolve(json[f.Json], f.Path);
            if (element.ValueKind == JsonValueKind.String) Assert.Equal(element.GetString(), f.Value);
            else Assert.True(element.GetDouble() == double.Parse(f.Value, CultureInfo.InvariantCulture), $"{f.Json}:{f.Path} shows {f.Value}, study.json has {element.GetRawText()}");
            Assert.False(string.IsNullOrWhiteSpace(f.Text), f.Path);
        }

        return figures.Length;
    }

    /// <summary>Ids are unique and every internal reference (href="#x", url(#x)) names an element that exists.</summary>
    private static async Task CheckReferences(IPage page)
    {
        var html = await page.ContentAsync();
        var ids = Regex.Matches(html, "\\sid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var referenced = Regex.Matches(html, "(?:href=\"#|url\\(#)([^\")]+)").Select(m => m.Groups[1].Value).Distinct();
        Assert.All(referenced, r => Assert.Contains(r, ids));
        Assert.DoesNotMatch("(?:src|href)=\"(?!#|data:)", html);
    }

    private static JsonElement Resolve(JsonElement root, string path)
    {
        var e = root;
        foreach (Match m in Regex.Matches(path, "([A-Za-z0-9]+)|\\[(\\d+)\\]|\\[\"([^\"]+)\"\\]"))
        {
            if (m.Groups[1].Success) e = e.GetProperty(m.Groups[1].Value);
            else if (m.Groups[2].Success) e = e[int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)];
            else e = e.GetProperty(m.Groups[3].Value);
        }

        return e;
    }

    private static List<(double Width, double Height)> MediaBoxes(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        return Regex.Matches(text, @"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]")
            .Select(m => (double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) - double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
                double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) - double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
    }

    private sealed class Figure
    {
        public string Json { get; set; } = "";
        public string Path { get; set; } = "";
        public string Value { get; set; } = "";
        public string Text { get; set; } = "";
    }
}
