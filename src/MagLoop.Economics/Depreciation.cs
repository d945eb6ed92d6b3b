namespace MagLoop.Economics;

/// <summary>How an asset class is depreciated for tax.</summary>
public enum DepreciationMethod
{
    /// <summary>MACRS GDS 5-year property, 200 % declining balance, half-year convention.</summary>
    Macrs5,
    /// <summary>MACRS GDS 7-year property (most manufacturing equipment), 200 % DB, half-year.</summary>
    Macrs7,
    /// <summary>MACRS GDS 10-year property, 200 % DB, half-year.</summary>
    Macrs10,
    /// <summary>MACRS GDS 15-year property (land improvements, some utility plant), 150 % DB, half-year.</summary>
    Macrs15,
    /// <summary>Straight line over a stated number of years.</summary>
    StraightLine,
}

/// <summary>Tax depreciation schedules.</summary>
public static class Depreciation
{
    // IRS Publication 946 (2023), Table A-1: 3-, 5-, 7-, 10-, 15- and 20-year property, half-year convention,
    // GDS. Percent of the depreciable basis deducted in each recovery year.
    private static readonly double[] Macrs5Percent = [20.00, 32.00, 19.20, 11.52, 11.52, 5.76];
    private static readonly double[] Macrs7Percent = [14.29, 24.49, 17.49, 12.49, 8.93, 8.92, 8.93, 4.46];
    private static readonly double[] Macrs10Percent = [10.00, 18.00, 14.40, 11.52, 9.22, 7.37, 6.55, 6.55, 6.56, 6.55, 3.28];
    private static readonly double[] Macrs15Percent = [5.00, 9.50, 8.55, 7.70, 6.93, 6.23, 5.90, 5.90, 5.91, 5.90, 5.91, 5.90, 5.91, 5.90, 5.91, 2.95];

    /// <summary>
    /// Fractions of the basis deducted in each year after the asset is placed in service (index 0 = first year);
    /// they sum to 1.
    /// </summary>
    public static IReadOnlyList<double> Schedule(DepreciationMethod method, int straightLineYears = 0) => method switch
    {
        DepreciationMethod.Macrs5 => Macrs5,
        DepreciationMethod.Macrs7 => Macrs7,
        DepreciationMethod.Macrs10 => Macrs10,
        DepreciationMethod.Macrs15 => Macrs15,
        DepreciationMethod.StraightLine when straightLineYears >= 1 => Enumerable.Repeat(1.0 / straightLineYears, straightLineYears).ToArray(),
        DepreciationMethod.StraightLine => throw new ArgumentOutOfRangeException(nameof(straightLineYears), straightLineYears, "straight-line depreciation needs at least one year"),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown depreciation method"),
    };

    // The tables as fractions, computed once (the cash-flow model asks for a schedule per asset and operating year).
    private static readonly IReadOnlyList<double> Macrs5 = Fractions(Macrs5Percent);
    private static readonly IReadOnlyList<double> Macrs7 = Fractions(Macrs7Percent);
    private static readonly IReadOnlyList<double> Macrs10 = Fractions(Macrs10Percent);
    private static readonly IReadOnlyList<double> Macrs15 = Fractions(Macrs15Percent);

    private static IReadOnlyList<double> Fractions(double[] percent) => Array.AsReadOnly(percent.Select(p => p / 100).ToArray());

    /// <summary>
    /// <see cref="Schedule"/> with each fraction converted to decimal, for the cash flow's money arithmetic. The
    /// MACRS tables are converted once (the cash-flow model asks for them per capex area in every Monte Carlo draw);
    /// the same conversion of the same doubles, so the same decimals.
    /// </summary>
    public static ReadOnlySpan<decimal> DecimalSchedule(DepreciationMethod method, int straightLineYears = 0) => method switch
    {
        DepreciationMethod.Macrs5 => Macrs5Decimal,
        DepreciationMethod.Macrs7 => Macrs7Decimal,
        DepreciationMethod.Macrs10 => Macrs10Decimal,
        DepreciationMethod.Macrs15 => Macrs15Decimal,
        _ => Decimals(Schedule(method, straightLineYears)),
    };

    private static readonly decimal[] Macrs5Decimal = Decimals(Macrs5);
    private static readonly decimal[] Macrs7Decimal = Decimals(Macrs7);
    private static readonly decimal[] Macrs10Decimal = Decimals(Macrs10);
    private static readonly decimal[] Macrs15Decimal = Decimals(Macrs15);

    private static decimal[] Decimals(IReadOnlyList<double> fractions) => [.. fractions.Select(f => (decimal)f)];
}
