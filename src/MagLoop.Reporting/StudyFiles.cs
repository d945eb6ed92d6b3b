using System.Globalization;
using System.Text.Json;
using MagLoop.Materials;
using MagLoop.Studies;

namespace MagLoop.Reporting;

/// <summary>The files a study writes: study.json, streams.csv and, with economics, cashflows.csv and (with debt) periods.csv.</summary>
public static class StudyFiles
{
    /// <summary>Columns of cashflows.csv, in order.</summary>
    public static IReadOnlyList<string> CashFlowColumns { get; } =
    [
        "year", "operatingYear", "outputShare", "magnetKg", "revenueUsd", "opexUsd", "capexUsd", "workingCapitalChangeUsd",
        "depreciationUsd", "taxUsd", "taxCreditUsd", "freeCashFlowUsd", "loanDrawUsd", "interestUsd", "principalUsd",
        "loanFeeUsd", "debtServiceUsd", "dsraChangeUsd", "equityCashFlowUsd",
    ];

    /// <summary>Columns of periods.csv (the financing's six-month periods), in order.</summary>
    public static IReadOnlyList<string> PeriodColumns { get; } =
    [
        "period", "phase", "capexUsd", "drawdownUsd", "capitalisedInterestUsd", "interestPaidUsd", "principalUsd",
        "financedFeesUsd", "feesPaidUsd", "debtServiceUsd", "cfadsUsd", "dscr", "llcr", "closingBalanceUsd", "dsraBalanceUsd", "dsraChangeUsd",
    ];

    /// <summary>
    /// Writes study.json, streams.csv, (with economics) cashflows.csv and (with debt) periods.csv into <paramref name="directory"/> (created if
    /// absent); returns their paths. All or nothing: the files are staged in a hidden folder and moved into place only
    /// when every one was written, so a failure leaves no partial set behind.
    /// </summary>
    public static IReadOnlyList<string> Write(StudyResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        var created = !Directory.Exists(directory);
        Directory.CreateDirectory(directory);
        var staging = Path.Combine(directory, $".magloop-staging-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, "study.json"), result.ToJson());
            File.WriteAllLines(Path.Combine(staging, "streams.csv"), StreamsCsv(result));
            if (CashFlowsCsv(result) is { } cashFlows) File.WriteAllLines(Path.Combine(staging, "cashflows.csv"), cashFlows);
            if (PeriodsCsv(result) is { } periods) File.WriteAllLines(Path.Combine(staging, "periods.csv"), periods);

            var staged = Directory.GetFiles(staging).Order(StringComparer.Ordinal).ToList();
            var targets = staged.Select(f => Path.Combine(directory, Path.GetFileName(f))).ToList();
            foreach (var target in targets.Where(Directory.Exists))
                throw new IOException($"'{target}' is a folder, so the file cannot be written");
            for (var i = 0; i < staged.Count; i++) File.Move(staged[i], targets[i], overwrite: true);
            return targets;
        }
        catch
        {
            if (created) Directory.Delete(directory, recursive: true);
            throw;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The lines of streams.csv: header, then one line per stream with its mass fraction of every component.</summary>
    public static IEnumerable<string> StreamsCsv(StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        yield return "name,from,to,outlet,tonnesPerYear," + string.Join(",", Components.All.Select(c => $"{c}_massFraction"));
        foreach (var s in result.Streams)
            yield return string.Join(",",
                new[] { Csv(s.Name), Csv(s.From), Csv(s.To ?? ""), s.Outlet is { } outlet ? JsonNamingPolicy.CamelCase.ConvertName(outlet.ToString()) : "", Number(s.TonnesPerYear) }
                    .Concat(Components.All.Select(c => Number(s.Composition.TryGetValue(c.ToString(), out var f) ? f : 0))));
    }

    /// <summary>The lines of cashflows.csv (header, then one line per project year), or null when the study has no economics.</summary>
    public static IReadOnlyList<string>? CashFlowsCsv(StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Economics is not { } economics) return null;
        var c = CultureInfo.InvariantCulture;
        return economics.CashFlows.Select(y => string.Join(",",
                y.Year.ToString(c), y.OperatingYear.ToString(c), y.OutputShare.ToString("R", c), y.MagnetKg.ToString("R", c),
                M(y.RevenueUsd), M(y.OpexUsd), M(y.CapexUsd), M(y.WorkingCapitalChangeUsd), M(y.DepreciationUsd), M(y.TaxUsd),
                M(y.TaxCreditUsd), M(y.FreeCashFlowUsd), M(y.LoanDrawUsd), M(y.InterestUsd), M(y.PrincipalUsd), M(y.LoanFeeUsd), M(y.DebtServiceUsd),
                M(y.DsraChangeUsd), M(y.EquityCashFlowUsd)))
            .Prepend(string.Join(",", CashFlowColumns)).ToList();

        string M(decimal usd) => decimal.Round(usd, 2).ToString(c);
    }

    /// <summary>
    /// The lines of periods.csv (header, then one line per six-month period of the financing), or null when the study
    /// has no debt. A cover ratio is empty in periods without debt service.
    /// </summary>
    public static IReadOnlyList<string>? PeriodsCsv(StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Economics?.Financing is not { } financing) return null;
        var c = CultureInfo.InvariantCulture;
        return financing.Periods.Select(p => string.Join(",",
                p.Period.ToString(c), Csv(p.Phase), M(p.CapexUsd), M(p.DrawUsd), M(p.CapitalisedInterestUsd), M(p.InterestPaidUsd), M(p.PrincipalUsd),
                M(p.FinancedFeesUsd), M(p.FeesPaidUsd), M(p.DebtServiceUsd), M(p.CfadsUsd), p.Dscr is { } d ? Number(d) : "", p.Llcr is { } l ? Number(l) : "",
                M(p.ClosingBalanceUsd), M(p.DsraBalanceUsd), M(p.DsraChangeUsd)))
            .Prepend(string.Join(",", PeriodColumns)).ToList();

        string M(decimal usd) => decimal.Round(usd, 2).ToString(c);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string text) => text.Contains(',') || text.Contains('"') ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
