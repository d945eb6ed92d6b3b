namespace MagLoop.Carbon;

/// <summary>Life-cycle stage an inventory line belongs to.</summary>
public enum Stage
{
    /// <summary>Collection and pre-processing: sorting, dismantling and cutting at the spokes (and at the hub for hub-fed scrap).</summary>
    CollectionAndPreprocessing,
    /// <summary>HPMS vessels and degassing.</summary>
    Hpms,
    /// <summary>Blending, jet milling, pressing, sintering, heat treatment, machining (and coating, magnetising for magnets).</summary>
    MagnetMaking,
    /// <summary>Fresh rare earth from virgin routes.</summary>
    FreshRareEarth,
    /// <summary>Transport of scrap from sources to spokes and from spokes to the hub.</summary>
    Transport,
}

/// <summary>An electric drive or line: energy follows installed power, average load and rated throughput.</summary>
/// <param name="InstalledKw">Installed electrical power, kW.</param>
/// <param name="LoadFactor">Average draw over installed power while running (0-1).</param>
/// <param name="RatedKgPerHour">Throughput at that draw, kg/h.</param>
public sealed record DriveLoad(double InstalledKw, double LoadFactor, double RatedKgPerHour)
{
    /// <summary>kWh per kg processed.</summary>
    public double KWhPerKg => EnergyModel.NonNegative(InstalledKw, nameof(InstalledKw)) * EnergyModel.NonNegative(LoadFactor, nameof(LoadFactor))
                              / EnergyModel.Positive(RatedKgPerHour, nameof(RatedKgPerHour));
}

/// <summary>
/// A batch vacuum furnace cycle: heat the charge and its fixtures to temperature, hold against the furnace's heat
/// losses, run the vacuum pumps for the whole cycle, back-fill or quench with argon.
/// </summary>
/// <param name="ChargeKg">Material per batch, kg.</param>
/// <param name="TemperatureC">Hold temperature, °C.</param>
/// <param name="FixtureKgPerKg">Trays, boats and racks heated with each kg of charge.</param>
/// <param name="SpecificHeatKJPerKgK">Mean specific heat of charge and fixtures, 25 °C to temperature.</param>
/// <param name="HeatingEfficiency">Share of heater energy that ends in the load during heat-up (0-1].</param>
/// <param name="HoldHours">Hours at temperature.</param>
/// <param name="HoldingKw">Heater power that balances the furnace's losses at temperature, kW.</param>
/// <param name="VacuumPumpKw">Vacuum pumps and cooling water pumps, kW, running for the cycle.</param>
/// <param name="CycleHours">Door-to-door cycle, h.</param>
/// <param name="ArgonKgPerBatch">Argon for back-fill and gas quench per batch, kg.</param>
public sealed record FurnaceCycle(double ChargeKg, double TemperatureC, double FixtureKgPerKg, double SpecificHeatKJPerKgK,
    double HeatingEfficiency, double HoldHours, double HoldingKw, double VacuumPumpKw, double CycleHours, double ArgonKgPerBatch)
{
    /// <summary>Heat-up energy per batch, kWh.</summary>
    public double HeatUpKWh => Units.SensibleHeatKWh(EnergyModel.Positive(ChargeKg, nameof(ChargeKg)) * (1 + EnergyModel.NonNegative(FixtureKgPerKg, nameof(FixtureKgPerKg))),
                                   EnergyModel.NonNegative(SpecificHeatKJPerKgK, nameof(SpecificHeatKJPerKgK)), TemperatureC)
                               / EnergyModel.Fraction(HeatingEfficiency, nameof(HeatingEfficiency));

    /// <summary>Holding energy per batch, kWh.</summary>
    public double HoldKWh => EnergyModel.NonNegative(HoldingKw, nameof(HoldingKw)) * EnergyModel.NonNegative(HoldHours, nameof(HoldHours));

    /// <summary>Vacuum pumping energy per batch, kWh.</summary>
    public double VacuumKWh => EnergyModel.NonNegative(VacuumPumpKw, nameof(VacuumPumpKw)) * EnergyModel.NonNegative(CycleHours, nameof(CycleHours));

    /// <summary>Electricity per batch, kWh.</summary>
    public double KWhPerBatch => HeatUpKWh + HoldKWh + VacuumKWh;

    /// <summary>Electricity per kg of charge, kWh.</summary>
    public double KWhPerKg => KWhPerBatch / ChargeKg;

    /// <summary>Argon per kg of charge, kg.</summary>
    public double ArgonKgPerKg => EnergyModel.NonNegative(ArgonKgPerBatch, nameof(ArgonKgPerBatch)) / ChargeKg;
}

/// <summary>
/// One HPMS batch: seal, evacuate, back-fill with argon, evacuate again, fill with hydrogen and tumble the drum,
/// then vent the head space.
/// </summary>
/// <param name="VesselFreeVolumeM3">Gas volume of the vessel around the charge, m³.</param>
/// <param name="HydrogenPressureBar">Absolute hydrogen fill pressure, bar.</param>
/// <param name="ArgonBackfillBar">Absolute argon back-fill pressure, bar.</param>
/// <param name="HeadspaceHydrogenLostFraction">Share of the head-space hydrogen vented (not recovered) per batch.</param>
/// <param name="VacuumPumpKw">Vacuum pumps, kW.</param>
/// <param name="EvacuationHours">Pumping hours per batch (both evacuations and the final purge).</param>
/// <param name="DrumKw">Drum drive, kW.</param>
/// <param name="HydrogenationHours">Hours the drum turns under hydrogen.</param>
/// <param name="AuxiliaryKw">Cooling water, gas handling and controls, kW, for the whole cycle.</param>
/// <param name="CycleHours">Hours per batch.</param>
public sealed record HpmsCycle(double VesselFreeVolumeM3, double HydrogenPressureBar, double ArgonBackfillBar, double HeadspaceHydrogenLostFraction,
    double VacuumPumpKw, double EvacuationHours, double DrumKw, double HydrogenationHours, double AuxiliaryKw, double CycleHours)
{
    /// <summary>Electricity per batch, kWh.</summary>
    public double KWhPerBatch =>
        EnergyModel.NonNegative(VacuumPumpKw, nameof(VacuumPumpKw)) * EnergyModel.NonNegative(EvacuationHours, nameof(EvacuationHours))
        + EnergyModel.NonNegative(DrumKw, nameof(DrumKw)) * EnergyModel.NonNegative(HydrogenationHours, nameof(HydrogenationHours))
        + EnergyModel.NonNegative(AuxiliaryKw, nameof(AuxiliaryKw)) * EnergyModel.NonNegative(CycleHours, nameof(CycleHours));

    /// <summary>Argon back-filled per batch, kg.</summary>
    public double ArgonKgPerBatch => Units.GasKg(EnergyModel.NonNegative(VesselFreeVolumeM3, nameof(VesselFreeVolumeM3)), EnergyModel.NonNegative(ArgonBackfillBar, nameof(ArgonBackfillBar)), Units.ArgonKgPerNm3);

    /// <summary>Head-space hydrogen vented per batch, kg (the hydrogen the powder absorbs comes on top).</summary>
    public double VentedHydrogenKgPerBatch => Units.GasKg(VesselFreeVolumeM3, EnergyModel.NonNegative(HydrogenPressureBar, nameof(HydrogenPressureBar)), Units.HydrogenKgPerNm3)
                                              * EnergyModel.Fraction(HeadspaceHydrogenLostFraction, nameof(HeadspaceHydrogenLostFraction), allowZero: true);
}

/// <summary>A jet mill: the milling gas is compressed, classified and recirculated; make-up replaces leaks and purge.</summary>
/// <param name="GasNm3PerKg">Milling gas per kg of powder, Nm³.</param>
/// <param name="CompressionKWhPerNm3">Compressor electricity per Nm³ delivered at mill pressure.</param>
/// <param name="ClassifierKw">Classifier wheel, feeder and cyclone fan, kW.</param>
/// <param name="RatedKgPerHour">Feed rate of one mill, kg/h.</param>
/// <param name="NitrogenMakeupKgPerKg">Nitrogen make-up per kg of powder, kg.</param>
public sealed record JetMill(double GasNm3PerKg, double CompressionKWhPerNm3, double ClassifierKw, double RatedKgPerHour, double NitrogenMakeupKgPerKg)
{
    /// <summary>kWh per kg of powder milled.</summary>
    public double KWhPerKg => EnergyModel.NonNegative(GasNm3PerKg, nameof(GasNm3PerKg)) * EnergyModel.NonNegative(CompressionKWhPerNm3, nameof(CompressionKWhPerNm3))
                              + EnergyModel.NonNegative(ClassifierKw, nameof(ClassifierKw)) / EnergyModel.Positive(RatedKgPerHour, nameof(RatedKgPerHour));
}

/// <summary>Electricity and process gases of one unit operation in a year.</summary>
/// <param name="Process">Unit operation.</param>
/// <param name="Site">Site id where it runs.</param>
/// <param name="Stage">Life-cycle stage.</param>
/// <param name="ThroughputKgPerYear">Material processed, kg/yr (the basis of the per-kg figure).</param>
/// <param name="ElectricityKWhPerYear">Electricity, kWh/yr.</param>
/// <param name="HydrogenKgPerYear">Hydrogen consumed, kg/yr.</param>
/// <param name="ArgonKgPerYear">Argon consumed, kg/yr.</param>
/// <param name="NitrogenKgPerYear">Nitrogen consumed, kg/yr.</param>
/// <param name="Basis">How the figure was derived.</param>
public sealed record UnitEnergy(string Process, string Site, Stage Stage, double ThroughputKgPerYear, double ElectricityKWhPerYear,
    double HydrogenKgPerYear, double ArgonKgPerYear, double NitrogenKgPerYear, string Basis)
{
    /// <summary>kWh per kg processed.</summary>
    public double ElectricityKWhPerKg => ThroughputKgPerYear > 0 ? ElectricityKWhPerYear / ThroughputKgPerYear : 0;
}

/// <summary>
/// The plant's annual energy and gas use: per unit operation, and electricity by site. A clean record for other
/// models (economics reads electricity by site and the gases).
/// </summary>
/// <param name="Units">Per unit operation.</param>
/// <param name="ElectricityKWhPerYearBySite">Electricity by site id, kWh/yr.</param>
/// <param name="ElectricityKWhPerYear">All electricity, kWh/yr.</param>
/// <param name="HydrogenKgPerYear">All hydrogen, kg/yr.</param>
/// <param name="ArgonKgPerYear">All argon, kg/yr.</param>
/// <param name="NitrogenKgPerYear">All nitrogen, kg/yr.</param>
public sealed record PlantEnergy(IReadOnlyList<UnitEnergy> Units, IReadOnlyDictionary<string, double> ElectricityKWhPerYearBySite,
    double ElectricityKWhPerYear, double HydrogenKgPerYear, double ArgonKgPerYear, double NitrogenKgPerYear)
{
    /// <summary>Totals the unit operations.</summary>
    public static PlantEnergy Of(IReadOnlyList<UnitEnergy> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var bySite = units.GroupBy(u => u.Site, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(u => u.ElectricityKWhPerYear), StringComparer.Ordinal);
        return new PlantEnergy(units, bySite, units.Sum(u => u.ElectricityKWhPerYear), units.Sum(u => u.HydrogenKgPerYear),
            units.Sum(u => u.ArgonKgPerYear), units.Sum(u => u.NitrogenKgPerYear));
    }
}

/// <summary>Guards shared by the equipment records: energy inputs are finite and not negative.</summary>
public static class EnergyModel
{
    /// <summary>Returns <paramref name="value"/> or throws when it is negative or not finite.</summary>
    public static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number >= 0");

    /// <summary>Returns <paramref name="value"/> or throws unless it is finite and above zero.</summary>
    public static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0");

    /// <summary>Returns <paramref name="value"/> or throws unless it lies in (0, 1] (or [0, 1] with <paramref name="allowZero"/>).</summary>
    public static double Fraction(double value, string name, bool allowZero = false) =>
        value <= 1 && (allowZero ? value >= 0 : value > 0) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in {(allowZero ? "[0" : "(0")}, 1]");
}
