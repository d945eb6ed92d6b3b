namespace MagLoop.Carbon;

/// <summary>Unit conversions the inventory needs, each constant with its definition.</summary>
public static class Units
{
    /// <summary>kg per pound (exact, international avoirdupois pound).</summary>
    public const double KgPerPound = 0.45359237;

    /// <summary>Tonnes per US short ton (2,000 lb).</summary>
    public const double TonnesPerShortTon = 2000 * KgPerPound / 1000;

    /// <summary>km per statute mile (exact).</summary>
    public const double KmPerMile = 1.609344;

    /// <summary>kJ per kWh.</summary>
    public const double KJPerKWh = 3600;

    /// <summary>Density of argon at 0 °C and 1 atm, kg/Nm³ (ideal gas, 39.948 g/mol / 22.414 L/mol).</summary>
    public const double ArgonKgPerNm3 = 1.784;

    /// <summary>Density of hydrogen at 0 °C and 1 atm, kg/Nm³ (2.016 g/mol / 22.414 L/mol).</summary>
    public const double HydrogenKgPerNm3 = 0.0899;

    /// <summary>Density of nitrogen at 0 °C and 1 atm, kg/Nm³ (28.013 g/mol / 22.414 L/mol).</summary>
    public const double NitrogenKgPerNm3 = 1.2498;

    /// <summary>A factor per US short ton-mile expressed per tonne-km.</summary>
    public static double PerTonneKmFromPerShortTonMile(double perShortTonMile) => perShortTonMile / (TonnesPerShortTon * KmPerMile);

    /// <summary>A grid factor in lb/MWh expressed in kg/kWh.</summary>
    public static double KgPerKWhFromPoundsPerMWh(double poundsPerMWh) => poundsPerMWh * KgPerPound / 1000;

    /// <summary>kg of gas in a volume at a pressure, at 0 °C (normal cubic metres scaled by absolute pressure in bar over 1.01325).</summary>
    public static double GasKg(double volumeM3, double pressureBarAbsolute, double kgPerNm3) => volumeM3 * (pressureBarAbsolute / 1.01325) * kgPerNm3;

    /// <summary>Heat to warm a mass from 25 °C to a temperature, kWh.</summary>
    public static double SensibleHeatKWh(double massKg, double specificHeatKJPerKgK, double temperatureC) =>
        massKg * specificHeatKJPerKgK * Math.Max(0, temperatureC - 25) / KJPerKWh;
}
