using System.Globalization;
using MagLoop.Studies;
using static MagLoop.Reporting.Report.ReportFormat;

namespace MagLoop.Reporting.Report;

/// <summary>
/// report.html: one self-contained file (inline CSS and SVG, no scripts, no external references) that a lender or an
/// engineer reads and prints to A4. Every figure is rendered from the study result that study.json serialises, and
/// carries its JSON path and exact value (<c>data-figure</c>, <c>data-value</c>) so the two can be checked against
/// each other.
/// </summary>
public static class StudyReport
{
    /// <summary>The sections of a study report, in order (their element ids and <c>data-section</c> names).</summary>
    public static IReadOnlyList<string> Sections { get; } =
        ["summary", "flowsheet", "production", "grade", "capital", "opex", "cashflow", "financing", "risk", "carbon", "staffing", "assumptions", "warnings"];

    /// <summary>The report of one study as an HTML document.</summary>
    public static string Render(StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new Html();
        Document(html, $"MagLoop study report: {result.Scenario.Name}", body => Body(body, result, "", "study"));
        return html.ToString();
    }

    /// <summary>The report of two studies compared: the differences first, then each study's full report.</summary>
    public static string RenderComparison(StudyResult a, StudyResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var comparison = StudyComparison.Compare(a, b);
        var html = new Html();
        Document(html, $"MagLoop comparison: {a.Scenario.Name} / {b.Scenario.Name}", body =>
        {
            body.Line("<article data-json=\"comparison\">");
            body.Line("<section id=\"comparison\" data-section=\"comparison\" class=\"block\">");
            body.Line($"<h1>Comparison: {Html.Escape(a.Scenario.Name)} (A) and {Html.Escape(b.Scenario.Name)} (B)</h1>");
            body.Paragraph($"A: {a.Scenario.File}. B: {b.Scenario.File}. Differences are B - A" + (comparison.PriceDeck is { } deck ? $", at the '{deck}' price deck." : "."), "muted");
            body.Table("comparison-table", ["Quantity", "Unit", "A", "B", "B - A"], comparison.Rows.Select((r, i) => (IReadOnlyList<string>)
            [
                Html.Escape(r.Quantity), Html.Escape(r.Unit), Optional($"rows[{i}].a", r.A, r.Format), Optional($"rows[{i}].b", r.B, r.Format), Optional($"rows[{i}].difference", r.Difference, r.Format),
            ]), numeric: [false, false, true, true, true]);
            body.Paragraph("The two studies' full reports follow: A, then B.");
            body.Line("</section></article>");
            foreach (var (part, result) in new[] { ("a", a), ("b", b) })
            {
                var inner = new Html { IdPrefix = part + "-" };
                Body(inner, result, $"Study {part.ToUpperInvariant()}: ", part);
                body.Raw(inner.ToString());
            }
        });
        return html.ToString();

        static string Optional(string path, double? value, string format) =>
            value is { } v ? Html.Figure(path, v, v.ToString(format, CultureInfo.InvariantCulture)) : "n/a";
    }

    /// <summary>
    /// Writes <paramref name="html"/> to <paramref name="path"/> (its folder created if absent) through a temporary
    /// file, so a failed write leaves no half report behind.
    /// </summary>
    public static void Write(string html, string path)
    {
        ArgumentNullException.ThrowIfNull(html);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new IOException($"'{path}' is a folder, so the report cannot be written there");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var staging = full + $".{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(staging, html);
            File.Move(staging, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(staging)) File.Delete(staging);
        }
    }

    private static void Document(Html html, string title, Action<Html> body)
    {
        html.Line("<!DOCTYPE html>").Line("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            // No resource may load from anywhere: the policy makes the file's self-containment a rule the browser keeps.
            .Line("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
            .Line($"<title>{Html.Escape(title)}</title>").Line($"<style>{ReportStyle.Css}</style>").Line("</head><body>");
        body(html);
        html.Line("</body></html>");
    }

    private static void Body(Html html, StudyResult result, string titlePrefix, string json)
    {
        var scenario = ReadAssumptions(result.Scenario.File);
        html.Line($"<article data-json=\"{json}\">");
        Summary(html, result, scenario, titlePrefix);
        Flowsheet(html, result);
        Production(html, result);
        Grade(html, result);
        Capital(html, result);
        Opex(html, result);
        CashFlow(html, result);
        Financing(html, result);
        Risk(html, result);
        CarbonSection(html, result);
        Staffing(html, result);
        Assumptions(html, scenario);
        Warnings(html, result, scenario);
        html.Line("</article>");
    }

    private static void Summary(Html html, StudyResult r, ScenarioRead scenario, string titlePrefix)
    {
        html.Line($"<section id=\"{html.IdPrefix}summary\" data-section=\"summary\" class=\"{(html.IdPrefix.Length > 0 ? "page" : "first")}\">");
        html.Line($"<h1>{Html.Escape(titlePrefix + r.Scenario.Name)}</h1>");
        html.Paragraph($"Scenario file: {r.Scenario.File}" + (r.Basis is { } b ? $". Production, carbon and economics on the {b.Used.ToString().ToLowerInvariant()} basis." : "."), "muted");
        var p = r.Production;
        var rows = new List<IReadOnlyList<string>>
        {
            Row("Magnets", Html.Figure("production.magnetTonnesPerYear", p.MagnetTonnesPerYear, Tonnes(p.MagnetTonnesPerYear)), "t/yr"),
            Row("NdFeB co-products", Html.Figure("production.coProductTonnesPerYear", p.CoProductTonnesPerYear, Tonnes(p.CoProductTonnesPerYear)), "t/yr"),
            Row("Scrap taken / on offer", Html.Figure("production.scrapFeedTonnesPerYear", p.ScrapFeedTonnesPerYear, Tonnes(p.ScrapFeedTonnesPerYear)) + " / " + Html.Figure("production.scrapSupplyTonnesPerYear", p.ScrapSupplyTonnesPerYear, Tonnes(p.ScrapSupplyTonnesPerYear)), "t/yr"),
        };
        if (p.BindingStationName is { } binding) rows.Add(Row("Binding station (limits the magnets)", Html.Escape(binding), ""));
        if (r.Products.Count > 0) rows.Add(Row("Predicted grade (Br, HcJ)", $"<span data-figure=\"products[0].grade\" data-value=\"{Html.Escape(r.Products[0].Grade)}\">{Html.Escape(r.Products[0].Grade)}</span> ("
            + Html.Figure("products[0].remanenceT", r.Products[0].RemanenceT, Number(r.Products[0].RemanenceT, "N2")) + " T, "
            + Html.Figure("products[0].coercivityKAm", r.Products[0].CoercivityKAm, Number(r.Products[0].CoercivityKAm, "N0")) + " kA/m)", ""));
        if (r.Economics is { } e)
        {
            rows.Add(Row("Initial capital (with contingency)", Html.Figure("economics.capexUsd", e.CapexUsd, UsdMillions(e.CapexUsd)), ""));
            rows.Add(Row($"Project NPV at {Percent(e.DiscountRate)} real, post-tax ('{e.PriceDeck}' prices)", Html.Figure("economics.npvUsd", e.NpvUsd, UsdMillions(e.NpvUsd)), ""));
            rows.Add(Row("Project IRR", e.Irr is { } irr ? Html.Figure("economics.irr", irr, Percent(irr)) : "none (no unique IRR)", ""));
            if (e.PaybackYears is { } payback) rows.Add(Row("Payback from the start of operations", Html.Figure("economics.paybackYears", payback, Number(payback, "N1")), "years"));
            if (e.LcomUsdPerKg is { } lcom) rows.Add(Row("Levelised cost of magnet (co-products credited)", Html.Figure("economics.lcomUsdPerKg", lcom, UsdPerKg(lcom)), ""));
            if (e.Financing is { } f)
            {
                rows.Add(Row("Debt at completion / gearing", Html.Figure("economics.financing.debtUsd", f.DebtUsd, UsdMillions(f.DebtUsd)) + " / " + Html.Figure("economics.financing.gearing", f.Gearing, Percent(f.Gearing)), ""));
                rows.Add(Row("Limit that sizes the debt", Html.Text("economics.financing.bindingLimit", f.BindingLimit), ""));
                if (f.MinDscr is { } minDscr) rows.Add(Row("Lowest DSCR (six-monthly)" + (f.CovenantDscr is { } covenant ? $", covenant {Ratio(covenant)}" : ""), Html.Figure("economics.financing.minDscr", minDscr, Ratio(minDscr)), ""));
                if (f.Llcr is { } llcr && f.Plcr is { } plcr) rows.Add(Row("LLCR / PLCR at completion", Html.Figure("economics.financing.llcr", llcr, Ratio(llcr)) + " / " + Html.Figure("economics.financing.plcr", plcr, Ratio(plcr)), ""));
            }
            else rows.Add(Row("Debt", "none: all equity", ""));

            if (e.EquityIrr is { } equityIrr) rows.Add(Row("Equity IRR", Html.Figure("economics.equityIrr", equityIrr, Percent(equityIrr)), ""));
            if (e.Labour is { } labour) rows.Add(Row("Jobs", Html.Figure("economics.labour.jobs", (double)labour.Jobs, labour.Jobs.ToString(CultureInfo.InvariantCulture)), ""));
        }

        if (r.Carbon is { } c)
        {
            rows.Add(Row("Carbon, per kg cut sintered block", Html.Figure("carbon.kgCo2ePerKgCutBlock", c.KgCo2ePerKgCutBlock, Co2(c.KgCo2ePerKgCutBlock)), "kg CO2e/kg"));
            rows.Add(Row("Carbon, per kg magnet / virgin route", Html.Figure("carbon.kgCo2ePerKgMagnet", c.KgCo2ePerKgMagnet, Co2(c.KgCo2ePerKgMagnet)) + " / " + Html.Figure("carbon.virginRouteKgCo2ePerKg", c.VirginRouteKgCo2ePerKg, Co2(c.VirginRouteKgCo2ePerKg)), "kg CO2e/kg"));
        }

        if (r.Risk is { } risk)
        {
            rows.Add(Row($"NPV P10 / P50 / P90 ({risk.Draws:N0} draws)", Html.Figure("risk.npvP10Usd", risk.NpvP10Usd, UsdMillions(risk.NpvP10Usd)) + " / " + Html.Figure("risk.npvP50Usd", risk.NpvP50Usd, UsdMillions(risk.NpvP50Usd)) + " / " + Html.Figure("risk.npvP90Usd", risk.NpvP90Usd, UsdMillions(risk.NpvP90Usd)), ""));
            if (risk.Execution?.ProbabilityAnyDscrBelowOne is { } pDscr) rows.Add(Row("Probability some period's DSCR is below 1.00x", Html.Figure("risk.execution.probabilityAnyDscrBelowOne", pDscr, Percent(pDscr)), ""));
            if (risk.Execution?.FirstProductionDateP50 is { } firstP50) rows.Add(Row("First production, P50", Html.Text("risk.execution.firstProductionDateP50", firstP50), ""));
        }
        else rows.Add(Row("Monte Carlo", "<span data-figure-missing=\"risk\">not run</span> (run with --monte-carlo N for NPV percentiles and the tornado)", ""));
        html.Table("headline", ["Headline", "Value", "Unit"], rows, numeric: [false, true, false]);

        html.Line("<h3>What is calibrated</h3>");
        var calibrated = scenario.Assumptions.Where(a => a.Calibrated).ToList();
        if (scenario.Problem is { } problem) html.Paragraph(problem, "warning");
        else if (calibrated.Count == 0) html.Paragraph("The scenario file marks no value as calibrated.");
        else
        {
            html.Paragraph($"{calibrated.Count} values of the scenario file are calibrated (fitted so the model reproduces a disclosure) rather than taken from a cited source; "
                + "the rest cite a source or an engineering assumption (see Assumptions). The magnet property model is calibrated to datasheet grades (docs/model-magnet.md).");
            html.Line("<ul class=\"calibrated-list\">");
            foreach (var a in calibrated) html.Line($"<li data-calibrated=\"{Html.Escape(a.Path)}\"><code>{Html.Escape(a.Path)}</code> = {Html.Escape(a.Value)}: {Html.Escape(a.Source)}</li>");
            html.Line("</ul>");
        }

        html.CloseSection();
    }

    private static void Flowsheet(Html html, StudyResult r)
    {
        html.OpenSection("flowsheet", "Flowsheet: rare earths through the plant");
        html.Chart("sankey", Sankey.Svg(r), "Element Sankey of the flowsheet: each band is a stream, its width the Nd, Pr, Dy and Tb it carries (t/yr, to scale), generated from the study's streams. Fresh rare earth enters where the blend adds it; recycles return below.");
        var balance = r.Production.MassBalance;
        html.Paragraph($"Element balance converged in {balance.Iterations} sweeps of the recycle loops; largest relative closure error over all components {balance.MaxRelativeError.ToString("E1", CultureInfo.InvariantCulture)}.");
        html.Table("element-balance", ["Component", "In t/yr", "Out t/yr", "Losses t/yr", "Relative error"], balance.Components.Select((b, i) => (IReadOnlyList<string>)
        [
            Html.Escape(b.Component),
            Html.Figure($"production.massBalance.components[{i}].inKgPerYear", b.InKgPerYear, Number(b.InKgPerYear / 1000, "N3")),
            Html.Figure($"production.massBalance.components[{i}].outKgPerYear", b.OutKgPerYear, Number(b.OutKgPerYear / 1000, "N3")),
            Html.Figure($"production.massBalance.components[{i}].lossesKgPerYear", b.LossesKgPerYear, Number(b.LossesKgPerYear / 1000, "N3")),
            Number(b.RelativeError, "E1"),
        ]), numeric: [false, true, true, true, true]);
        html.CloseSection();
    }

    private static void Production(Html html, StudyResult r)
    {
        var p = r.Production;
        html.OpenSection("production", "Production and utilisation");
        html.Table("production-table", ["Quantity", "t/yr"],
        [
            Row2("Magnets", Html.Figure("production.magnetTonnesPerYear", p.MagnetTonnesPerYear, Tonnes(p.MagnetTonnesPerYear))),
            Row2("NdFeB co-products", Html.Figure("production.coProductTonnesPerYear", p.CoProductTonnesPerYear, Tonnes(p.CoProductTonnesPerYear))),
            Row2("Cut sintered block (before coating)", Html.Figure("production.cutBlockTonnesPerYear", p.CutBlockTonnesPerYear, Tonnes(p.CutBlockTonnesPerYear))),
            Row2("HPMS intake / capacity", Html.Figure("production.hpmsIntakeTonnesPerYear", p.HpmsIntakeTonnesPerYear, Tonnes(p.HpmsIntakeTonnesPerYear)) + " / " + Html.Figure("production.hpmsCapacityTonnesPerYear", p.HpmsCapacityTonnesPerYear, Tonnes(p.HpmsCapacityTonnesPerYear))),
            Row2("Magnet line intake / capacity", Html.Figure("production.magnetLineIntakeTonnesPerYear", p.MagnetLineIntakeTonnesPerYear, Tonnes(p.MagnetLineIntakeTonnesPerYear)) + " / " + Html.Figure("production.magnetLineCapacityTonnesPerYear", p.MagnetLineCapacityTonnesPerYear, Tonnes(p.MagnetLineCapacityTonnesPerYear))),
            Row2("Fresh rare earth blended in", Html.Figure("production.freshRareEarthTonnesPerYear", p.FreshRareEarthTonnesPerYear, Tonnes(p.FreshRareEarthTonnesPerYear))),
            Row2("Residues (steel, coating, plastics, unliberated magnet)", Html.Figure("production.residueTonnesPerYear", p.ResidueTonnesPerYear, Tonnes(p.ResidueTonnesPerYear))),
        ], numeric: [false, true]);
        html.Paragraph(p.BindingStationName is { } binding
            ? $"Bottleneck: {binding} limit the magnets in the flowsheet" + (r.Simulation is { } s ? $"; in the simulation the bottleneck is {s.Bottleneck}." : ".")
            : "No station binds: scrap supply limits the plant.");
        var simulated = r.Simulation?.Utilization;
        var labels = p.Stations.Select(s => s.Name).ToList();
        var series = new List<(string, IReadOnlyList<double>)> { ("Flowsheet (intake / capacity)", p.Stations.Select(s => s.Utilisation * 100).ToList()) };
        if (simulated is not null) series.Add(("Simulation (busy)", p.Stations.Select(s => simulated.TryGetValue(s.Id, out var u) ? u * 100 : 0).ToList()));
        html.Chart("utilisation", Charts.HorizontalBars(labels, p.Stations.Select(s => s.Utilisation * 100).ToList(), "Flowsheet utilisation, % (binding station in orange)", p.Stations.Select(s => s.Id == p.BindingStation).ToList(), 100, "capacity"),
            "Utilisation of each station in the flowsheet: intake over capacity.");
        html.Table("stations", ["Station", "Capacity t/yr", "Intake t/yr", "Utilisation", "Simulated busy"], p.Stations.Select((s, i) => (IReadOnlyList<string>)
        [
            Html.Escape(s.Name) + (s.Id == p.BindingStation ? " <strong>(binding)</strong>" : ""),
            Html.Figure($"production.stations[{i}].capacityTonnesPerYear", s.CapacityTonnesPerYear, Number(s.CapacityTonnesPerYear, "N0")),
            Html.Figure($"production.stations[{i}].intakeTonnesPerYear", s.IntakeTonnesPerYear, Number(s.IntakeTonnesPerYear, "N0")),
            Html.Figure($"production.stations[{i}].utilisation", s.Utilisation, Percent(s.Utilisation)),
            simulated is not null && simulated.TryGetValue(s.Id, out var u) ? Html.Figure($"simulation.utilization[\"{s.Id}\"]", u, Percent(u)) : "",
        ]), numeric: [false, true, true, true, true]);
        if (r.Simulation is { } sim)
            html.Paragraph($"Simulation: {sim.Replications} replications of {sim.Years} year(s) (seed {sim.Seed}); magnets {Tonnes(sim.MagnetTonnesPerYear.Mean)} t/yr"
                + (sim.MagnetTonnesPerYear.Ci95Low is { } lo && sim.MagnetTonnesPerYear.Ci95High is { } hi ? $" (95 % interval {Tonnes(lo)} to {Tonnes(hi)})" : "")
                + $", co-products {Tonnes(sim.CoProductTonnesPerYear.Mean)} t/yr; powder-to-magnet lead time {Number(sim.LeadTimeDays.Mean, "N1")} days.");
        else html.Paragraph("The discrete-event simulation was not run for this study.");
        html.Table("feeds", ["Feed", "Scrap type", "Site", "Supply t/yr", "Taken t/yr", "Magnet alloy t/yr"], r.Feeds.Select((f, i) => (IReadOnlyList<string>)
        [
            Html.Escape(f.Id), Html.Escape(f.ScrapType), Html.Escape(f.Site),
            Html.Figure($"feeds[{i}].supplyTonnesPerYear", f.SupplyTonnesPerYear, Tonnes(f.SupplyTonnesPerYear)),
            Html.Figure($"feeds[{i}].processedTonnesPerYear", f.ProcessedTonnesPerYear, Tonnes(f.ProcessedTonnesPerYear)),
            Html.Figure($"feeds[{i}].magnetAlloyTonnesPerYear", f.MagnetAlloyTonnesPerYear, Tonnes(f.MagnetAlloyTonnesPerYear)),
        ]), numeric: [false, false, false, true, true, true]);
        html.CloseSection();
    }

    private static void Grade(Html html, StudyResult r)
    {
        html.OpenSection("grade", "Predicted magnet grade", pageBreak: false);
        if (r.Products.Count == 0)
        {
            html.Paragraph("No magnet product: the scenario has no magnets section.");
            html.CloseSection();
            return;
        }

        html.Table("products", ["Product", "Grade", "Br T", "HcJ kA/m", "(BH)max kJ/m3", "Density g/cm3", "t/yr"], r.Products.Select((m, i) => (IReadOnlyList<string>)
        [
            Html.Escape(m.Name),
            $"<span data-figure=\"products[{i}].grade\" data-value=\"{Html.Escape(m.Grade)}\">{Html.Escape(m.Grade)}</span>" + (m.TargetGrade is { } t ? $" (target {Html.Escape(t)})" : ""),
            Html.Figure($"products[{i}].remanenceT", m.RemanenceT, Number(m.RemanenceT, "N2")) + " ± " + Number(m.RemanenceBandT, "N2"),
            Html.Figure($"products[{i}].coercivityKAm", m.CoercivityKAm, Number(m.CoercivityKAm, "N0")) + " ± " + Number(m.CoercivityBandKAm, "N0"),
            Html.Figure($"products[{i}].energyProductKJm3", m.EnergyProductKJm3, Number(m.EnergyProductKJm3, "N0")) + " ± " + Number(m.EnergyProductBandKJm3, "N0"),
            Html.Figure($"products[{i}].densityGcm3", m.DensityGcm3, Number(m.DensityGcm3, "N2")),
            Html.Figure($"products[{i}].tonnesPerYear", m.TonnesPerYear, Tonnes(m.TonnesPerYear)),
        ]), numeric: [false, false, true, true, true, true, true]);
        html.Paragraph("Bands are the property model's error bands (model calibrated to datasheet grades, docs/model-magnet.md). The letter is the coercivity class, the number the nominal (BH)max in MGOe.", "muted");
        foreach (var m in r.Products)
            foreach (var w in m.DomainWarnings) html.Paragraph($"{m.Name}: {w}", "warning");
        if (r.Economics is { Sales.Count: > 0 } e)
            html.Table("sales", ["Product", "Sold as", "t/yr", "Price $/kg"], e.Sales.Select((s, i) => (IReadOnlyList<string>)
            [
                Html.Escape(s.Name), Html.Escape(s.SoldAs),
                Html.Figure($"economics.sales[{i}].tonnesPerYear", s.TonnesPerYear, Tonnes(s.TonnesPerYear)),
                Html.Figure($"economics.sales[{i}].priceUsdPerKg", s.PriceUsdPerKg, Number((double)s.PriceUsdPerKg, "N2")),
            ]), caption: "Products as sold at full rate", numeric: [false, false, true, true]);
        html.CloseSection();
    }

    private static void Capital(Html html, StudyResult r)
    {
        html.OpenSection("capital", "Capital by equipment and site");
        if (r.Economics is not { } e)
        {
            NoEconomics(html);
            return;
        }

        var sites = e.CapexUsdBySite.ToList();
        html.Chart("capex-by-site", Charts.GroupedBars(sites.Select(s => s.Key).ToList(), [("Initial capital, $M", sites.Select(s => (double)s.Value / 1e6).ToList())], "$M (with contingency)"),
            "Initial capital with contingency by site; factored items fall on the site of the equipment they are factored on.");
        html.Table("capex-sites", ["Site", "Initial capital"], sites.Select(s => (IReadOnlyList<string>)
            [Html.Escape(s.Key), Html.Figure($"economics.capexUsdBySite[\"{s.Key}\"]", s.Value, UsdMillions(s.Value))])
            .Append([ "<strong>Total</strong>", Html.Figure("economics.capexUsd", e.CapexUsd, UsdMillions(e.CapexUsd)) ]), numeric: [false, true]);
        var lines = e.CapitalLines;
        html.Chart("capex-by-item", Charts.HorizontalBars(lines.Select(l => l.Item + (l.Site is { } s ? $" ({s})" : "")).ToList(), lines.Select(l => (double)l.BaseUsd / 1e6).ToList(), "$M before contingency"),
            "The capital estimate item by item, before contingency: equipment from cost curves, factored items, spoke fit-out.");
        html.Table("capex-lines", ["Item", "Site", "Count", "Size", "Delivered", "Installed / base", "Area"], lines.Select((l, i) => (IReadOnlyList<string>)
        [
            Html.Escape(l.Item), Html.Escape(l.Site ?? ""), l.Count.ToString(CultureInfo.InvariantCulture),
            l.Size is { } size ? Number(size, "N0") + " " + Html.Escape(l.SizeUnit ?? "") : "",
            Html.Figure($"economics.capitalLines[{i}].deliveredUsd", l.DeliveredUsd, UsdMillions(l.DeliveredUsd)),
            Html.Figure($"economics.capitalLines[{i}].baseUsd", l.BaseUsd, UsdMillions(l.BaseUsd)),
            Html.Escape(l.Area),
        ]), numeric: [false, false, true, true, true, true, false]);
        html.CloseSection();
    }

    private static void Opex(Html html, StudyResult r)
    {
        html.OpenSection("opex", "Operating cost at nameplate", pageBreak: false);
        if (r.Economics is not { } e)
        {
            NoEconomics(html);
            return;
        }

        var lines = e.OpexAtNameplate;
        html.Chart("opex", Charts.HorizontalBars(lines.Select(l => l.Name).ToList(), lines.Select(l => (double)l.UsdPerYear / 1e6).ToList(), "$M per year at full output"), "Operating cost lines at full output.");
        var total = lines.Sum(l => l.UsdPerYear);
        html.Table("opex-lines", ["Line", "$M/yr", "Share"], lines.Select((l, i) => (IReadOnlyList<string>)
            [Html.Escape(l.Name), Html.Figure($"economics.opexAtNameplate[{i}].usdPerYear", l.UsdPerYear, UsdMillions(l.UsdPerYear)), total > 0 ? Percent((double)(l.UsdPerYear / total)) : ""])
            .Append(["<strong>Total</strong>", Html.Derived("sum of economics.opexAtNameplate[*].usdPerYear", (double)total, UsdMillions(total)), ""]), numeric: [false, true, true]);
        html.CloseSection();
    }

    private static void CashFlow(Html html, StudyResult r)
    {
        html.OpenSection("cashflow", "Cash flows");
        if (r.Economics is not { } e)
        {
            NoEconomics(html);
            return;
        }

        var years = e.CashFlows;
        decimal cumulative = 0;
        var cumulativeUsd = years.Select(y => (double)(cumulative += y.FreeCashFlowUsd)).ToList();
        html.Chart("cashflow", Charts.CashFlow(years.Select(y => y.Year).ToList(), years.Select(y => (double)y.FreeCashFlowUsd).ToList(), cumulativeUsd),
            $"Unlevered post-tax free cash flow by project year (real $, '{e.PriceDeck}' prices) and its cumulative sum.");
        html.Table("cashflow-table", ["Year", "Op. year", "Output", "Revenue", "Opex", "Capex", "Tax", "Free cash flow", "Loan draw", "Debt service", "Equity cash flow"], years.Select((y, i) => (IReadOnlyList<string>)
        [
            y.Year.ToString(CultureInfo.InvariantCulture), y.OperatingYear.ToString(CultureInfo.InvariantCulture), Percent(y.OutputShare),
            Html.Figure($"economics.cashFlows[{i}].revenueUsd", y.RevenueUsd, UsdMillions(y.RevenueUsd)),
            Html.Figure($"economics.cashFlows[{i}].opexUsd", y.OpexUsd, UsdMillions(y.OpexUsd)),
            Html.Figure($"economics.cashFlows[{i}].capexUsd", y.CapexUsd, UsdMillions(y.CapexUsd)),
            Html.Figure($"economics.cashFlows[{i}].taxUsd", y.TaxUsd, UsdMillions(y.TaxUsd)),
            Html.Figure($"economics.cashFlows[{i}].freeCashFlowUsd", y.FreeCashFlowUsd, UsdMillions(y.FreeCashFlowUsd)),
            Html.Figure($"economics.cashFlows[{i}].loanDrawUsd", y.LoanDrawUsd, UsdMillions(y.LoanDrawUsd)),
            Html.Figure($"economics.cashFlows[{i}].debtServiceUsd", y.DebtServiceUsd, UsdMillions(y.DebtServiceUsd)),
            Html.Figure($"economics.cashFlows[{i}].equityCashFlowUsd", y.EquityCashFlowUsd, UsdMillions(y.EquityCashFlowUsd)),
        ]), caption: "$M, real; the full table is cashflows.csv with --out", numeric: [true, true, true, true, true, true, true, true, true, true, true]);
        html.CloseSection();
    }

    private static void Financing(Html html, StudyResult r)
    {
        html.OpenSection("financing", "Financing: debt size, cover ratios and tranches");
        if (r.Economics is not { } e)
        {
            NoEconomics(html);
            return;
        }

        if (e.Financing is not { } f)
        {
            html.Paragraph("The scenario has no economics.financing (or loan): an all-equity project, with no debt service to cover.");
            html.CloseSection();
            return;
        }

        const string F = "economics.financing";
        html.Line($"<p>Debt at completion {Html.Figure($"{F}.debtUsd", f.DebtUsd, UsdMillions(f.DebtUsd))} of a project cost of {Html.Figure($"{F}.projectCostUsd", f.ProjectCostUsd, UsdMillions(f.ProjectCostUsd))} "
            + $"(capital, interest and fees during construction, initial reserve): gearing {Html.Figure($"{F}.gearing", f.Gearing, Percent(f.Gearing))}; equity funds {Html.Figure($"{F}.equityUsd", f.EquityUsd, UsdMillions(f.EquityUsd))} of the capital spending. "
            + $"Binding limit: <strong>{Html.Text($"{F}.bindingLimit", f.BindingLimit)}</strong>, {Html.Escape(f.BindingWhy)}.</p>");
        var sizing = new List<IReadOnlyList<string>>
        {
            Row2("Planned shares (amount caps applied)", Html.Figure($"{F}.planDebtUsd", f.PlanDebtUsd, UsdMillions(f.PlanDebtUsd))),
            Row2("Gearing cap allows", Html.Figure($"{F}.gearingCapacityUsd", f.GearingCapacityUsd, UsdMillions(f.GearingCapacityUsd))),
        };
        if (f.DscrCapacityUsd is { } dscrCapacity) sizing.Add(Row2("Minimum DSCR allows", Html.Figure($"{F}.dscrCapacityUsd", dscrCapacity, UsdMillions(dscrCapacity))));
        sizing.Add(Row2("<strong>Debt (the least)</strong>", Html.Figure($"{F}.debtUsd", f.DebtUsd, UsdMillions(f.DebtUsd))));
        html.Table("debt-sizing", ["Debt sizing", "$M"], sizing, numeric: [false, true]);

        var cover = new List<IReadOnlyList<string>>();
        if (f.MinDscr is { } min) cover.Add(Row2("Lowest period DSCR", Html.Figure($"{F}.minDscr", min, Ratio(min))));
        if (f.AverageDscr is { } avg) cover.Add(Row2("Average period DSCR", Html.Figure($"{F}.averageDscr", avg, Ratio(avg))));
        if (f.CovenantDscr is { } covenant) cover.Add(Row2("Covenant (minimum DSCR the debt is sized to)", Html.Figure($"{F}.covenantDscr", covenant, Ratio(covenant))));
        if (f.Llcr is { } llcr) cover.Add(Row2("LLCR at completion", Html.Figure($"{F}.llcr", llcr, Ratio(llcr))));
        if (f.MinLlcr is { } minLlcr) cover.Add(Row2("Lowest LLCR over the loan life", Html.Figure($"{F}.minLlcr", minLlcr, Ratio(minLlcr))));
        if (f.Plcr is { } plcr) cover.Add(Row2("PLCR at completion", Html.Figure($"{F}.plcr", plcr, Ratio(plcr))));
        if (f.EquityIrr is { } equityIrr) cover.Add(Row2("Equity IRR", Html.Figure($"{F}.equityIrr", equityIrr, Percent(equityIrr))));
        cover.Add(Row2("Interest during construction", Html.Figure($"{F}.interestDuringConstructionUsd", f.InterestDuringConstructionUsd, UsdMillions(f.InterestDuringConstructionUsd))));
        cover.Add(Row2("Arrangement, commitment and exposure fees", Html.Figure($"{F}.feesUsd", f.FeesUsd, UsdMillions(f.FeesUsd))));
        cover.Add(Row2("Equity NPV", Html.Figure("economics.equityNpvUsd", e.EquityNpvUsd, UsdMillions(e.EquityNpvUsd))));
        cover.Add(Row2("Peak funding", Html.Figure("economics.peakFundingUsd", e.PeakFundingUsd, UsdMillions(e.PeakFundingUsd))));
        html.Table("cover-ratios", ["Cover ratios and costs of the debt", "Value"], cover, numeric: [false, true]);

        var serviced = f.Periods.Select((p, i) => (p, i)).Where(t => t.p.Dscr.HasValue).ToList();
        if (serviced.Count > 0)
        {
            var lines = new List<(double, string)> { (1.0, "1.00x: CFADS just meets debt service") };
            if (f.CovenantDscr is { } c) lines.Add((c, $"covenant {Ratio(c)}"));
            html.Chart("dscr", Charts.Dscr(serviced.Select(t => t.p.Period / 2.0).ToList(), serviced.Select(t => t.p.Dscr!.Value).ToList(), lines, "Years from the first construction half-year (one bar per six-month period)"),
                "DSCR by six-month period after completion: cash flow available for debt service over interest and principal; orange bars fall below the covenant, red below 1.");
        }
        else html.Paragraph("No period after completion carries debt service, so there is no DSCR to chart.", "warning");

        html.Table("tranches", ["Tranche", "Kind", "Drawn", "Capitalised interest", "Fees", "At completion", "Repaid in periods", "Sculpted at"], f.Tranches.Select((t, i) => (IReadOnlyList<string>)
        [
            Html.Escape(t.Name), Html.Escape(t.Kind.ToString()),
            Html.Figure($"{F}.tranches[{i}].drawnUsd", t.DrawnUsd, UsdMillions(t.DrawnUsd)),
            Html.Figure($"{F}.tranches[{i}].capitalisedInterestUsd", t.CapitalisedInterestUsd, UsdMillions(t.CapitalisedInterestUsd)),
            Html.Figure($"{F}.tranches[{i}].feesUsd", t.FeesUsd, UsdMillions(t.FeesUsd)),
            Html.Figure($"{F}.tranches[{i}].balanceAtCompletionUsd", t.BalanceAtCompletionUsd, UsdMillions(t.BalanceAtCompletionUsd)),
            t.FirstRepaymentPeriod is { } first && t.LastRepaymentPeriod is { } last
                ? Html.Figure($"{F}.tranches[{i}].firstRepaymentPeriod", (double)first, first.ToString(CultureInfo.InvariantCulture)) + " to " + Html.Figure($"{F}.tranches[{i}].lastRepaymentPeriod", (double)last, last.ToString(CultureInfo.InvariantCulture))
                : "",
            t.SculptedDscr is { } sculpted ? Html.Figure($"{F}.tranches[{i}].sculptedDscr", sculpted, Ratio(sculpted)) : "",
        ]), caption: "Tranches as sized and drawn (equity: what it funds of the capital spending)", numeric: [false, false, true, true, true, true, true, true]);

        // Periods after the debt is repaid carry nothing a lender reads; the full schedule is periods.csv with --out.
        var last = f.Periods.Select((p, i) => (p, i)).LastOrDefault(t => t.p.DebtServiceUsd > 0 || t.p.ClosingBalanceUsd > 0).i;
        var shown = f.Periods.Take(last + 1).Select((p, i) => (p, i)).ToList();
        html.Table("periods", ["Period", "Phase", "Capex", "Draw", "Cap. interest", "Fees paid", "Interest paid", "Principal", "Debt service", "CFADS", "DSCR", "LLCR", "Balance", "DSRA"], shown.Select(t => (IReadOnlyList<string>)
        [
            Html.Figure($"{F}.periods[{t.i}].period", (double)t.p.Period, t.p.Period.ToString(CultureInfo.InvariantCulture)),
            Html.Text($"{F}.periods[{t.i}].phase", t.p.Phase),
            Html.Figure($"{F}.periods[{t.i}].capexUsd", t.p.CapexUsd, UsdMillions(t.p.CapexUsd)),
            Html.Figure($"{F}.periods[{t.i}].drawUsd", t.p.DrawUsd, UsdMillions(t.p.DrawUsd)),
            Html.Figure($"{F}.periods[{t.i}].capitalisedInterestUsd", t.p.CapitalisedInterestUsd, UsdMillions(t.p.CapitalisedInterestUsd)),
            Html.Figure($"{F}.periods[{t.i}].feesPaidUsd", t.p.FeesPaidUsd, UsdMillions(t.p.FeesPaidUsd)),
            Html.Figure($"{F}.periods[{t.i}].interestPaidUsd", t.p.InterestPaidUsd, UsdMillions(t.p.InterestPaidUsd)),
            Html.Figure($"{F}.periods[{t.i}].principalUsd", t.p.PrincipalUsd, UsdMillions(t.p.PrincipalUsd)),
            Html.Figure($"{F}.periods[{t.i}].debtServiceUsd", t.p.DebtServiceUsd, UsdMillions(t.p.DebtServiceUsd)),
            Html.Figure($"{F}.periods[{t.i}].cfadsUsd", t.p.CfadsUsd, UsdMillions(t.p.CfadsUsd)),
            t.p.Dscr is { } d ? Html.Figure($"{F}.periods[{t.i}].dscr", d, Ratio(d)) : "",
            t.p.Llcr is { } l ? Html.Figure($"{F}.periods[{t.i}].llcr", l, Ratio(l)) : "",
            Html.Figure($"{F}.periods[{t.i}].closingBalanceUsd", t.p.ClosingBalanceUsd, UsdMillions(t.p.ClosingBalanceUsd)),
            Html.Figure($"{F}.periods[{t.i}].dsraBalanceUsd", t.p.DsraBalanceUsd, UsdMillions(t.p.DsraBalanceUsd)),
        ]), caption: "Six-month periods, all tranches together ($M); periods after the debt is repaid are in periods.csv with --out", numeric: [true, false, true, true, true, true, true, true, true, true, true, true, true, true]);
        html.CloseSection();
    }

    private static void Risk(Html html, StudyResult r)
    {
        html.OpenSection("risk", "Risk: tornado and Monte Carlo");
        if (r.Risk is not { } risk)
        {
            html.Line("<p class=\"warning\" data-not-run=\"monte-carlo\">The Monte Carlo was not run for this report, so it has no tornado, NPV histogram, CDF or percentiles. "
                + "Run <code>magloop study --monte-carlo N --report</code> (for example N = 2000) to add them.</p>");
            html.CloseSection();
            return;
        }

        var baseNpv = (double)(r.Economics?.NpvUsd ?? 0);
        html.Chart("tornado", Charts.Tornado(risk.Tornado.Select(t => t.Driver).ToList(), risk.Tornado.Select(t => t.NpvLowUsd).ToList(), risk.Tornado.Select(t => t.NpvHighUsd).ToList(), baseNpv),
            "Project NPV with each driver at its low and high value, the others at base; widest swing on top.");
        html.Table("tornado-table", ["Driver", "Low", "High", "NPV at low", "NPV at high", "Swing"], risk.Tornado.Select((t, i) => (IReadOnlyList<string>)
        [
            Html.Escape(t.Driver), Html.Figure($"risk.tornado[{i}].low", t.Low, Number(t.Low, "0.###")), Html.Figure($"risk.tornado[{i}].high", t.High, Number(t.High, "0.###")),
            Html.Figure($"risk.tornado[{i}].npvLowUsd", t.NpvLowUsd, UsdMillions(t.NpvLowUsd)),
            Html.Figure($"risk.tornado[{i}].npvHighUsd", t.NpvHighUsd, UsdMillions(t.NpvHighUsd)),
            UsdMillions(Math.Abs(t.NpvHighUsd - t.NpvLowUsd)),
        ]), numeric: [false, true, true, true, true, true]);
        html.Line($"<p>Monte Carlo: {risk.Draws:N0} draws (seed {risk.Seed}) re-solving the plant and its cash flows. NPV P10 {Html.Figure("risk.npvP10Usd", risk.NpvP10Usd, UsdMillions(risk.NpvP10Usd))}, "
            + $"P50 {Html.Figure("risk.npvP50Usd", risk.NpvP50Usd, UsdMillions(risk.NpvP50Usd))}, P90 {Html.Figure("risk.npvP90Usd", risk.NpvP90Usd, UsdMillions(risk.NpvP90Usd))}, "
            + $"mean {Html.Figure("risk.npvMeanUsd", risk.NpvMeanUsd, UsdMillions(risk.NpvMeanUsd))}; probability of a negative NPV {Html.Figure("risk.probabilityNpvNegative", risk.ProbabilityNpvNegative, Percent(risk.ProbabilityNpvNegative))}"
            + (risk.IrrP50 is { } irr ? $"; IRR P50 {Html.Figure("risk.irrP50", irr, Percent(irr))}" : "") + ".</p>");
        if (risk.Execution is { } x) ExecutionRisk(html, x, risk.Draws);
        if (risk.NpvDistribution is { } d)
        {
            html.Chart("histogram", Charts.Histogram(d.BinEdgesUsd, d.Counts, risk.NpvP10Usd, risk.NpvP50Usd, risk.NpvP90Usd), $"Project NPV over the {risk.Draws:N0} draws ({d.Counts.Count} equal bins), with P10, P50 and P90.");
            html.Chart("cdf", Charts.Cdf(d.PercentilesUsd, risk.NpvP10Usd, risk.NpvP50Usd, risk.NpvP90Usd), "Cumulative distribution of the project NPV (percentiles at every whole percent), with P10, P50 and P90.");
        }

        html.CloseSection();
    }

    private static void ExecutionRisk(Html html, ExecutionRiskResult x, int draws)
    {
        const string X = "risk.execution";
        var rows = new List<IReadOnlyList<string>>();
        if (x.ProbabilityAnyDscrBelowOne is { } p) rows.Add(Row2("P(some six-month DSCR < 1.00x)", Html.Figure($"{X}.probabilityAnyDscrBelowOne", p, Percent(p))));
        if (x.ProbabilityFinancingCloses is { } close) rows.Add(Row2("P(the export credit closes)", Html.Figure($"{X}.probabilityFinancingCloses", close, Percent(close))));
        if (x.MinDscr is { } m) rows.Add(Row2("Lowest period DSCR, P10 / P50 / P90", Band($"{X}.minDscr", m, Ratio)));
        if (x.EquityIrr is { } irr) rows.Add(Row2($"Equity IRR, P10 / P50 / P90 ({x.DrawsWithoutUniqueEquityIrr} draws without a unique one)", Band($"{X}.equityIrr", irr, Percent)));
        rows.Add(Row2("Months from notice to proceed to first production, P10 / P50 / P90", Band($"{X}.firstProductionMonths", x.FirstProductionMonths, v => Number(v, "N1"))));
        if (x.FirstProductionDateP10 is { } d10 && x.FirstProductionDateP50 is { } d50 && x.FirstProductionDateP90 is { } d90)
            rows.Add(Row2("First-production date, P10 / P50 / P90", Html.Text($"{X}.firstProductionDateP10", d10) + " / " + Html.Text($"{X}.firstProductionDateP50", d50) + " / " + Html.Text($"{X}.firstProductionDateP90", d90)));
        html.Table("execution-risk", ["Execution risk over the same " + draws.ToString("N0", CultureInfo.InvariantCulture) + " draws", "Value"], rows, numeric: [false, true]);

        static string Band(string path, PercentileBand b, Func<double, string> format) =>
            Html.Figure(path + ".p10", b.P10, format(b.P10)) + " / " + Html.Figure(path + ".p50", b.P50, format(b.P50)) + " / " + Html.Figure(path + ".p90", b.P90, format(b.P90));
    }

    private static void CarbonSection(Html html, StudyResult r)
    {
        html.OpenSection("carbon", "Carbon footprint");
        if (r.Carbon is not { } c)
        {
            html.Paragraph("No carbon footprint: the scenario has no carbon section.");
            html.CloseSection();
            return;
        }

        var stages = c.ByStage.ToList();
        html.Chart("carbon-by-stage", Charts.HorizontalBars(stages.Select(s => s.Key).Append("Total, this plant").Append("Virgin route").ToList(),
                stages.Select(s => s.Value).Append(c.KgCo2ePerKgMagnet).Append(c.VirginRouteKgCo2ePerKg).ToList(), "kg CO2e per kg magnet",
                stages.Select(_ => false).Append(true).Append(false).ToList()),
            "Footprint per kg of magnet by life-cycle stage, the plant's total and the virgin route.");
        html.Table("carbon-stages", ["Stage", "kg CO2e/kg magnet", "kg CO2e/kg cut block"], stages.Select(s => (IReadOnlyList<string>)
        [
            Html.Escape(s.Key), Html.Figure($"carbon.byStage[\"{s.Key}\"]", s.Value, Co2(s.Value)),
            c.ByStagePerKgCutBlock.TryGetValue(s.Key, out var cut) ? Html.Figure($"carbon.byStagePerKgCutBlock[\"{s.Key}\"]", cut, Co2(cut)) : "",
        ]).Append(["<strong>Total</strong>", Html.Figure("carbon.kgCo2ePerKgMagnet", c.KgCo2ePerKgMagnet, Co2(c.KgCo2ePerKgMagnet)), Html.Figure("carbon.kgCo2ePerKgCutBlock", c.KgCo2ePerKgCutBlock, Co2(c.KgCo2ePerKgCutBlock))])
          .Append(["Virgin route", Html.Figure("carbon.virginRouteKgCo2ePerKg", c.VirginRouteKgCo2ePerKg, Co2(c.VirginRouteKgCo2ePerKg)), ""]), numeric: [false, true, true]);
        html.Line($"<p>Saving against the virgin route: {Html.Figure("carbon.savingFraction", c.SavingFraction, Percent(c.SavingFraction))} per kg magnet; "
            + $"{Html.Figure("carbon.annualTonnesCo2e", c.AnnualTonnesCo2e, Number(c.AnnualTonnesCo2e, "N0"))} t CO2e per year in all.</p>");
        html.Chart("carbon-by-site", Charts.GroupedBars(c.BySite.Select(s => $"{s.Site} ({s.GridRegion})").ToList(), [("kg CO2e per kg magnet", c.BySite.Select(s => s.KgCo2ePerKgMagnet).ToList())], "kg CO2e per kg magnet", c.VirginRouteKgCo2ePerKg, "virgin route"),
            "Footprint by site per kg of magnet, against the virgin route.");
        html.Table("carbon-sites", ["Site", "Grid", "kg CO2e/kWh", "Electricity MWh/yr", "t CO2e/yr", "kg CO2e/kg magnet"], c.BySite.Select((s, i) => (IReadOnlyList<string>)
        [
            Html.Escape(s.Site), Html.Escape(s.GridRegion), Number(s.GridKgCo2ePerKWh, "N3"),
            Html.Figure($"carbon.bySite[{i}].electricityKWhPerYear", s.ElectricityKWhPerYear, Number(s.ElectricityKWhPerYear / 1000, "N0")),
            Html.Figure($"carbon.bySite[{i}].annualTonnesCo2e", s.AnnualTonnesCo2e, Number(s.AnnualTonnesCo2e, "N0")),
            Html.Figure($"carbon.bySite[{i}].kgCo2ePerKgMagnet", s.KgCo2ePerKgMagnet, Co2(s.KgCo2ePerKgMagnet)),
        ]), numeric: [false, false, true, true, true, true]);
        if (c.P10 is { } p10 && c.P50 is { } p50 && c.P90 is { } p90)
            html.Line($"<p>Monte Carlo ({c.MonteCarloDraws:N0} draws), kg CO2e per kg cut block: P10 {Html.Figure("carbon.p10.kgCo2ePerKgCutBlock", p10.KgCo2ePerKgCutBlock, Co2(p10.KgCo2ePerKgCutBlock))}, "
                + $"P50 {Html.Figure("carbon.p50.kgCo2ePerKgCutBlock", p50.KgCo2ePerKgCutBlock, Co2(p50.KgCo2ePerKgCutBlock))}, P90 {Html.Figure("carbon.p90.kgCo2ePerKgCutBlock", p90.KgCo2ePerKgCutBlock, Co2(p90.KgCo2ePerKgCutBlock))}.</p>");
        if (c.Disclosure is { } disclosure)
            html.Paragraph($"Disclosed: {Co2(disclosure.DisclosedKgCo2ePerKgCutBlock)} kg CO2e/kg cut block ({disclosure.Source}); reproduced as {Co2(disclosure.Reproduced.KgCo2ePerKgCutBlock)} by {disclosure.Reproduced.Method}. {disclosure.Assumptions}");
        html.Paragraph($"Method: {c.Method} Attribution: {c.Attribution.Description}", "muted");
        html.Table("carbon-inventory", ["Item", "Stage", "Site", "Amount/yr", "Unit", "kg CO2e/unit", "t CO2e/yr", "Factor source"], c.Inventory.Select((l, i) => (IReadOnlyList<string>)
        [
            Html.Escape(l.Item), Html.Escape(l.Stage), Html.Escape(l.Site), Number(l.AmountPerYear, "N0"), Html.Escape(l.Unit), Number(l.KgCo2ePerUnit, "0.###"),
            Html.Figure($"carbon.inventory[{i}].tonnesCo2ePerYear", l.TonnesCo2ePerYear, Number(l.TonnesCo2ePerYear, "N1")),
            Html.Escape(l.FactorSource),
        ]), caption: "Inventory: every line with its emission factor's source", numeric: [false, false, false, true, false, true, true, false]);
        html.CloseSection();
    }

    private static void Staffing(Html html, StudyResult r)
    {
        html.OpenSection("staffing", "Staffing");
        if (r.Economics?.Labour is not { } labour)
        {
            html.Paragraph("No staffing estimate: the scenario has no economics section.");
            html.CloseSection();
            return;
        }

        html.Line($"<p>{Html.Figure("economics.labour.jobs", (double)labour.Jobs, labour.Jobs.ToString(CultureInfo.InvariantCulture))} jobs "
            + $"({Html.Figure("economics.labour.fte", labour.Fte, Number((double)labour.Fte, "N1"))} full-time equivalents), loaded cost "
            + $"{Html.Figure("economics.labour.costUsdPerYear", labour.CostUsdPerYear, UsdMillions(labour.CostUsdPerYear))} per year, from the stations' crews, their shift calendars and support ratios (not fitted).</p>");
        html.Table("staff-roles", ["Role", "Site", "FTE", "Loaded wage $/yr"], labour.Roles.Select((l, i) => (IReadOnlyList<string>)
        [
            Html.Escape(l.Role), Html.Escape(l.Site),
            Html.Figure($"economics.labour.roles[{i}].headcount", l.Headcount, Number((double)l.Headcount, "N1")),
            Number((double)l.LoadedWageUsdPerYear, "N0"),
        ]), numeric: [false, false, true, true]);
        html.Table("staff-stations", ["Station", "Site", "Posts", "Operator FTE"], labour.Stations.Select((s, i) => (IReadOnlyList<string>)
        [
            Html.Escape(s.Station), Html.Escape(s.Site), Number(s.Posts, "N1"),
            Html.Figure($"economics.labour.stations[{i}].fte", s.Fte, Number(s.Fte, "N1")),
        ]), caption: "Operators by station", numeric: [false, false, true, true]);
        html.CloseSection();
    }

    private static void Assumptions(Html html, ScenarioRead scenario)
    {
        html.OpenSection("assumptions", "Assumptions and their sources");
        if (scenario.Problem is { } problem)
        {
            html.Paragraph(problem, "warning");
            html.CloseSection();
            return;
        }

        html.Paragraph("Every value the scenario file sets, with the source the file gives for it: a comment on its line, a note above its key, its source key, "
            + "or the note over its section (marked \"section\"). Calibrated values (fitted to reproduce a disclosure) are marked ★. Values the file leaves to the "
            + "models' defaults are listed with their sources in docs/references.md. [n] and [En] refer to docs/references.md.");
        html.Table("assumptions-table", ["", "Key", "Value", "Source"], scenario.Assumptions.Select(a => (IReadOnlyList<string>)
        [
            a.Calibrated ? $"<span class=\"calibrated\" data-calibrated=\"{Html.Escape(a.Path)}\" title=\"calibrated\">★</span>" : "",
            $"<code>{Html.Escape(a.Path)}</code>", Html.Escape(a.Value),
            a.Kind switch
            {
                ScenarioAssumptions.SourceKind.None => "<span class=\"muted\">no source in the file</span>",
                ScenarioAssumptions.SourceKind.Section => $"<span class=\"muted\">section:</span> {Html.Escape(a.Source)}",
                _ => Html.Escape(a.Source),
            },
        ]), numeric: [false, false, true, false]);
        html.CloseSection();
    }

    private static void Warnings(Html html, StudyResult r, ScenarioRead scenario)
    {
        html.OpenSection("warnings", "Warnings and notes", pageBreak: false);
        var notes = r.Warnings.ToList();
        if (r.Risk is null) notes.Add("The Monte Carlo was not run: the report has no tornado, NPV distribution or percentiles.");
        if (r.Basis is { Differs: true } b) notes.Add($"The flowsheet and the simulation differ by more than 2 % (magnets {Percent(b.MagnetRelativeDifference)}, co-products {Percent(b.CoProductRelativeDifference)}); the study ran on the {b.Used.ToString().ToLowerInvariant()} basis.");
        if (scenario.Problem is { } problem) notes.Add(problem);
        if (notes.Count == 0) html.Paragraph("None.");
        else
        {
            html.Line("<ul>");
            foreach (var n in notes) html.Line($"<li>{Html.Escape(n)}</li>");
            html.Line("</ul>");
        }

        html.Paragraph("Generated by MagLoop from the same result object as study.json; every figure carries its study.json path (data-figure) and exact value (data-value).", "muted");
        html.CloseSection();
    }

    private static void NoEconomics(Html html)
    {
        html.Paragraph("No economics: the scenario has no economics section.");
        html.CloseSection();
    }

    private sealed record ScenarioRead(IReadOnlyList<ScenarioAssumptions.Assumption> Assumptions, string? Problem);

    private static ScenarioRead ReadAssumptions(string file)
    {
        try
        {
            return new ScenarioRead(ScenarioAssumptions.Read(File.ReadAllText(file)), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ScenarioRead([], $"The scenario file {file} could not be read for its assumptions ({e.Message}).");
        }
    }

    private static IReadOnlyList<string> Row(string name, string valueHtml, string unit) => [Html.Escape(name), valueHtml, Html.Escape(unit)];

    private static IReadOnlyList<string> Row2(string name, string valueHtml) => [Html.Escape(name), valueHtml];
}
