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

/// <summary>A theory that needs Debian's chromium (MAGLOOP_CHROMIUM); skipped, with the reason, where it is unset.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (ChromiumFactAttribute.Path is null) Skip = new ChromiumFactAttribute().Skip;
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

    private static readonly Lazy<StudyResult> LongLoopWithMonteCarlo = new(() =>
        Study.Run(Scenarios.Path_("dfw-hub-long-loop.yaml"), new StudyOptions { Simulate = true, MonteCarloDraws = 100, Seed = 2 }));

    /// <summary>Every scenario under scenarios/: the default one with the Monte Carlo, one without, one at another seed.</summary>
    public static TheoryData<string> BundledScenarios { get; } = ["dfw-hub", "dfw-hub-2-vessels", "dfw-hub-long-loop"];

    private static StudyResult StudyOf(string name) => name switch
    {
        "dfw-hub" => WithMonteCarlo.Value,
        "dfw-hub-2-vessels" => TwoVesselsSimulated.Value,
        "dfw-hub-long-loop" => LongLoopWithMonteCarlo.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a bundled scenario"),
    };

    // The figures a lender and an engineer read first: each must be shown, and shown as study.json has it.
    private static readonly string[] Headline =
    [
        "production.magnetTonnesPerYear", "production.coProductTonnesPerYear", "economics.capexUsd", "economics.npvUsd", "economics.irr", "economics.lcomUsdPerKg",
        "economics.equityIrr", "economics.labour.jobs", "carbon.kgCo2ePerKgCutBlock", "carbon.kgCo2ePerKgMagnet",
    ];

    private static readonly string[] FinancingFigures =
    [
        "economics.financing.debtUsd", "economics.financing.projectCostUsd", "economics.financing.gearing", "economics.financing.equityUsd", "economics.financing.bindingLimit",
        "economics.financing.planDebtUsd", "economics.financing.gearingCapacityUsd", "economics.financing.dscrCapacityUsd",
        "economics.financing.minDscr", "economics.financing.averageDscr", "economics.financing.covenantDscr", "economics.financing.llcr", "economics.financing.minLlcr",
        "economics.financing.plcr", "economics.financing.equityIrr", "economics.financing.interestDuringConstructionUsd", "economics.financing.feesUsd",
        "economics.financing.tranches[0].balanceAtCompletionUsd", "economics.financing.tranches[1].balanceAtCompletionUsd", "economics.financing.tranches[0].drawnUsd",
        "economics.financing.periods[4].dscr", "economics.financing.periods[4].debtServiceUsd", "economics.financing.periods[4].cfadsUsd",
    ];

    private static readonly string[] RiskFigures =
    [
        "risk.npvP10Usd", "risk.npvP50Usd", "risk.npvP90Usd", "risk.probabilityNpvNegative", "risk.tornado[0].npvLowUsd", "risk.tornado[0].npvHighUsd",
        "risk.execution.probabilityAnyDscrBelowOne", "risk.execution.probabilityFinancingCloses", "risk.execution.minDscr.p50",
        "risk.execution.equityIrr.p10", "risk.execution.equityIrr.p50", "risk.execution.equityIrr.p90",
        "risk.execution.firstProductionDateP10", "risk.execution.firstProductionDateP50", "risk.execution.firstProductionDateP90",
    ];

    [ChromiumTheory]
    [MemberData(nameof(BundledScenarios))]
    public async Task Bundled_report_renders_with_every_section_chart_and_figure_of_study_json(string name)
    {
        var result = StudyOf(name);
        var json = result.ToJson();
        await using var session = await Open(name, StudyReport.Render(result), json);
        var page = session.Page;

        foreach (var section in StudyReport.Sections)
            Assert.Equal(1, await page.Locator($"section[data-section='{section}']").CountAsync());
        var charts = new List<string> { "sankey", "utilisation", "capex-by-site", "capex-by-item", "opex", "cashflow", "dscr", "carbon-by-stage", "carbon-by-site" };
        if (result.Risk is not null) charts.AddRange(["tornado", "histogram", "cdf"]);
        else Assert.Equal(1, await page.Locator("[data-not-run='monte-carlo']").CountAsync());
        foreach (var chart in charts)
            Assert.True(await page.Locator($"figure[data-chart='{chart}'] svg *").CountAsync() > 10, $"{name}: chart {chart} is missing or empty");
        Assert.True(await page.Locator("figure[data-chart='sankey'] g.link").CountAsync() > 10);
        // Every serviced period's DSCR is in the period table.
        var serviced = result.Economics!.Financing!.Periods.Count(p => p.Dscr.HasValue);
        Assert.Equal(serviced, await page.Locator("article[data-json='study'] table#periods [data-figure$='].dscr']").CountAsync());
        if (result.Risk?.Execution is not null) Assert.Equal(1, await page.Locator("table#execution-risk").CountAsync());

        using var doc = JsonDocument.Parse(json);
        var figures = await Figures(page);
        var checkedFigures = CheckFigures(figures, new Dictionary<string, JsonElement> { ["study"] = doc.RootElement });
        Assert.True(checkedFigures.Values > 300, $"{name}: only {checkedFigures.Values} figures");
        // Nearly every figure's text is a number in one of the report's formats, and reads as study.json's value.
        Assert.True(checkedFigures.ShownAsNumber > 0.9 * checkedFigures.Values, $"{name}: {checkedFigures.ShownAsNumber} of {checkedFigures.Values} figures read as numbers");
        var shown = figures.Where(f => f.Json == "study").Select(f => f.Path).ToHashSet();
        var required = Headline.Concat(FinancingFigures).Concat(result.Risk is null ? [] : RiskFigures);
        Assert.All(required, path => Assert.Contains(path, shown));
        // And the headline strings exactly as formatted from study.json's values.
        var root = doc.RootElement;
        Assert.Equal(Millions(root.GetProperty("economics").GetProperty("npvUsd").GetDouble()), await Shown(page, "economics.npvUsd"));
        Assert.Equal(Millions(root.GetProperty("economics").GetProperty("capexUsd").GetDouble()), await Shown(page, "economics.capexUsd"));
        Assert.Equal(root.GetProperty("production").GetProperty("magnetTonnesPerYear").GetDouble().ToString("N1", CultureInfo.InvariantCulture), await Shown(page, "production.magnetTonnesPerYear"));
        Assert.Equal(root.GetProperty("carbon").GetProperty("kgCo2ePerKgCutBlock").GetDouble().ToString("N2", CultureInfo.InvariantCulture), await Shown(page, "carbon.kgCo2ePerKgCutBlock"));
        var financing = root.GetProperty("economics").GetProperty("financing");
        Assert.Equal(Millions(financing.GetProperty("debtUsd").GetDouble()), await Shown(page, "economics.financing.debtUsd"));
        Assert.Equal(financing.GetProperty("minDscr").GetDouble().ToString("N2", CultureInfo.InvariantCulture) + "x", await Shown(page, "economics.financing.minDscr"));
        Assert.Equal(financing.GetProperty("llcr").GetDouble().ToString("N2", CultureInfo.InvariantCulture) + "x", await Shown(page, "economics.financing.llcr"));
        Assert.Equal(financing.GetProperty("plcr").GetDouble().ToString("N2", CultureInfo.InvariantCulture) + "x", await Shown(page, "economics.financing.plcr"));
        Assert.Equal((financing.GetProperty("equityIrr").GetDouble() * 100).ToString("N1", CultureInfo.InvariantCulture) + " %", await Shown(page, "economics.financing.equityIrr"));
        Assert.Equal(financing.GetProperty("bindingLimit").GetString(), await Shown(page, "economics.financing.bindingLimit"));

        await CheckReferences(page);
        session.AssertSelfContained();

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, name + ".png"), FullPage = true });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, name + "-first-page.png") });
        var pdf = await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(Artefacts, name + ".pdf"), Format = "A4", PrintBackground = true });
        var boxes = MediaBoxes(pdf);
        File.WriteAllText(Path.Combine(Artefacts, name + ".pages.txt"), boxes.Count.ToString(CultureInfo.InvariantCulture));
        // Each major section starts a page; the long tables (assumptions, periods, streams) take a few more, but more
        // than five pages a section means the print layout is lost.
        Assert.InRange(boxes.Count, StudyReport.Sections.Count - 2, StudyReport.Sections.Count * 5);
        Assert.All(boxes, b => Assert.True(Math.Abs(b.Width - 595.3) < 2 && Math.Abs(b.Height - 841.9) < 2, $"page {b.Width} x {b.Height} pt is not A4"));

        if (name == "dfw-hub")
        {
            // README's picture (docs/images/report-first-page.png): the first screen of the default report at desktop width.
            await page.SetViewportSizeAsync(1280, 1000);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, "report-first-page.png") });
        }
    }

    [ChromiumFact]
    public async Task Comparison_report_shows_both_studies_and_their_differences_as_in_their_json()
    {
        var a = TwoVesselsSimulated.Value;
        var b = WithMonteCarlo.Value;
        var comparison = StudyComparison.Compare(a, b);
        await using var session = await Open("compare", StudyReport.RenderComparison(a, b), null);
        var page = session.Page;
        using var ja = JsonDocument.Parse(a.ToJson());
        using var jb = JsonDocument.Parse(b.ToJson());
        using var jc = JsonDocument.Parse(JsonSerializer.Serialize(comparison, StudyResult.JsonOptions));
        var n = CheckFigures(await Figures(page), new Dictionary<string, JsonElement> { ["a"] = ja.RootElement, ["b"] = jb.RootElement, ["comparison"] = jc.RootElement });
        Assert.True(n.Values > 600, $"only {n.Values} figures");
        Assert.True(n.ShownAsNumber > 0.9 * n.Values, $"{n.ShownAsNumber} of {n.Values} figures read as numbers");
        foreach (var part in new[] { "a", "b" })
            foreach (var section in StudyReport.Sections)
                Assert.Equal(1, await page.Locator($"article[data-json='{part}'] section[data-section='{section}']").CountAsync());
        await CheckReferences(page);
        session.AssertSelfContained();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, "compare-first-page.png") });
        var pages = MediaBoxes(await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(Artefacts, "compare.pdf"), Format = "A4", PrintBackground = true })).Count;
        File.WriteAllText(Path.Combine(Artefacts, "compare.pages.txt"), pages.ToString(CultureInfo.InvariantCulture));
        Assert.InRange(pages, 2 * (StudyReport.Sections.Count - 2), 2 * StudyReport.Sections.Count * 5);
    }

    private static string Millions(double usd) => (usd < 0 ? "-$" : "$") + Math.Abs(usd / 1e6).ToString("N1", CultureInfo.InvariantCulture) + "M";

    private static async Task<string> Shown(IPage page, string path) =>
        (await page.Locator($"article[data-json='study'] [data-figure='{path}']").First.TextContentAsync())!;

    private static async Task<BrowserSession> Open(string name, string html, string? json)
    {
        Directory.CreateDirectory(Artefacts);
        var file = Path.Combine(Artefacts, name + ".html");
        StudyReport.Write(html, file);
        if (json is not null) File.WriteAllText(Path.Combine(Artefacts, name + ".study.json"), json);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumFactAttribute.Path, Headless = true });
        var session = new BrowserSession(playwright, browser, await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 794, Height = 1123 } }));
        var page = session.Page;
        var url = new Uri(file).AbsoluteUri;
        // Any request beyond the file itself is a broken self-containment: recorded and refused. Failed requests,
        // console errors and warnings (a Content-Security-Policy violation is one) and script errors are recorded too.
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url == url) await route.ContinueAsync();
            else
            {
                session.Record("request " + route.Request.Url);
                await route.AbortAsync();
            }
        });
        page.RequestFailed += (_, request) => session.Record($"failed {request.Url}: {request.Failure}");
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning") session.Record($"console {message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => session.Record("page error: " + error);
        var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.True(response is null || response.Ok, $"{name}: the report did not load");
        return session;
    }

    /// <summary>A browser with one page on a report, and what the page asked for or complained about.</summary>
    private sealed class BrowserSession(IPlaywright playwright, IBrowser browser, IPage page) : IAsyncDisposable
    {
        private readonly List<string> _problems = [];

        public IPage Page { get; } = page;

        public void Record(string problem)
        {
            lock (_problems) _problems.Add(problem);
        }

        /// <summary>No request beyond the file, no failed request, no console error or warning, no script error.</summary>
        public void AssertSelfContained()
        {
            lock (_problems) Assert.Empty(_problems);
        }

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    private static async Task<Figure[]> Figures(IPage page) => await page.EvaluateAsync<Figure[]>(
        "() => Array.from(document.querySelectorAll('[data-figure]')).map(e => ({ json: e.closest('[data-json]').dataset.json, path: e.dataset.figure, value: e.dataset.value, text: e.textContent }))");

    /// <summary>
    /// Every figure's data-value equals the value at its data-figure path in its study's JSON, and its text, where it
    /// is a number in one of the report's formats ($281.7M, 22.7 %, 1.30x, $77.13/kg, 749.7), reads as that value to
    /// the digits shown. Returns how many figures were checked, and how many of them also by their text.
    /// </summary>
    private static (int Values, int ShownAsNumber) CheckFigures(Figure[] figures, Dictionary<string, JsonElement> json)
    {
        var asNumber = 0;
        var wrong = new List<string>();
        foreach (var f in figures)
        {
            var element = Resolve(json[f.Json], f.Path);
            Assert.False(string.IsNullOrWhiteSpace(f.Text), f.Path);
            if (element.ValueKind == JsonValueKind.String)
            {
                Assert.Equal(element.GetString(), f.Value);
                Assert.Equal(element.GetString(), f.Text);
                asNumber++;
                continue;
            }

            var value = element.GetDouble();
            Assert.True(value == double.Parse(f.Value, CultureInfo.InvariantCulture), $"{f.Json}:{f.Path} has data-value {f.Value}, study.json {element.GetRawText()}");
            if (ReadShown(f.Text) is not { } read) continue;
            asNumber++;
            var expected = value * read.Scale * UnitShown(f.Path, read.Scale);
            if (Math.Abs(read.Number - expected) > (0.5 * Math.Pow(10, -read.Decimals)) + (1e-9 * Math.Abs(expected)))
                wrong.Add($"{f.Json}:{f.Path} shows '{f.Text}', study.json has {element.GetRawText()}");
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} figures differ from study.json:\n" + string.Join("\n", wrong.Take(40)));
        return (figures.Length, asNumber);
    }

    // Plain numbers of a key in kilograms are shown in tonnes (the report's tables are in t/yr), in kWh in MWh.
    private static double UnitShown(string path, double scale) =>
        scale == 1 && Regex.IsMatch(path, "(?<!Per)(Kg|KWh)(PerYear)?$") ? 1e-3 : 1;

    // A number as the report formats it, with the factor from study.json's unit to the one shown and its decimals.
    private static (double Number, double Scale, int Decimals)? ReadShown(string text)
    {
        var m = Regex.Match(text.Trim(), @"^(-)?(\$)?([\d,]+)(?:\.(\d+))?(M| %|x|/kg)?$");
        if (!m.Success) return null;
        var digits = m.Groups[3].Value.Replace(",", "", StringComparison.Ordinal) + (m.Groups[4].Success ? "." + m.Groups[4].Value : "");
        var number = double.Parse(digits, CultureInfo.InvariantCulture) * (m.Groups[1].Success ? -1 : 1);
        var scale = m.Groups[5].Value switch { "M" => 1e-6, " %" => 100, _ => 1 };
        return (number, scale, m.Groups[4].Value.Length);
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
