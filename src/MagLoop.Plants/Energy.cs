namespace MagLoop.Plants;

/// <summary>Energy specification of a station (or of one stage of it); the carbon and operating-cost models turn it into kWh and gases.</summary>
public abstract record StationEnergy;

/// <summary>A motor-driven machine: electricity = installed kW x load factor per rated kg/h.</summary>
/// <param name="InstalledKw">Installed electrical power, kW.</param>
/// <param name="LoadFactor">Average fraction of installed power drawn.</param>
/// <param name="RatedKgPerHour">Throughput at which that power is drawn, kg/h.</param>
public sealed record DriveEnergy(double InstalledKw, double LoadFactor, double RatedKgPerHour) : StationEnergy;

/// <summary>A batch vacuum furnace: heat-up of charge and fixtures, hold, vacuum pumps and argon per batch.</summary>
/// <param name="Stage">Which firing this is (e.g. "first stage"); empty for a furnace with one.</param>
/// <param name="ChargeKg">Charge per batch, kg.</param>
/// <param name="TemperatureC">Hold temperature, °C.</param>
/// <param name="FixtureKgPerKg">Fixtures and trays heated per kg of charge.</param>
/// <param name="SpecificHeatKJPerKgK">Specific heat of charge and fixtures, kJ/(kg K).</param>
/// <param name="HeatingEfficiency">Fraction of electricity that ends up as heat in the load.</param>
/// <param name="HoldHours">Hours at temperature.</param>
/// <param name="HoldingKw">Power to hold the temperature, kW.</param>
/// <param name="VacuumPumpKw">Vacuum pump power, kW.</param>
/// <param name="CycleHours">Hours per batch.</param>
/// <param name="ArgonKgPerBatch">Argon per batch, kg.</param>
public sealed record FurnaceEnergy(string Stage, double ChargeKg, double TemperatureC, double FixtureKgPerKg, double SpecificHeatKJPerKgK,
    double HeatingEfficiency, double HoldHours, double HoldingKw, double VacuumPumpKw, double CycleHours, double ArgonKgPerBatch) : StationEnergy;

/// <summary>An HPMS vessel: pumps, drum, auxiliaries and the gases of each batch.</summary>
/// <param name="VesselFreeVolumeM3">Free gas volume of a vessel, m³.</param>
/// <param name="HydrogenPressureBar">Hydrogen fill pressure, bar.</param>
/// <param name="ArgonBackfillBar">Argon back-fill pressure, bar.</param>
/// <param name="HeadspaceHydrogenLostFraction">Share of the head-space hydrogen vented per batch.</param>
/// <param name="VacuumPumpKw">Vacuum pump power, kW.</param>
/// <param name="EvacuationHours">Hours of pumping per batch.</param>
/// <param name="DrumKw">Rotating-drum drive power, kW.</param>
/// <param name="HydrogenationHours">Hours the drum turns under hydrogen.</param>
/// <param name="AuxiliaryKw">Auxiliaries over the whole cycle, kW.</param>
public sealed record HpmsEnergy(double VesselFreeVolumeM3, double HydrogenPressureBar, double ArgonBackfillBar, double HeadspaceHydrogenLostFraction,
    double VacuumPumpKw, double EvacuationHours, double DrumKw, double HydrogenationHours, double AuxiliaryKw) : StationEnergy;

/// <summary>A jet mill: compressed milling gas, classifier and nitrogen make-up.</summary>
/// <param name="GasNm3PerKg">Milling gas per kg of powder, Nm³.</param>
/// <param name="CompressionKWhPerNm3">Compression energy, kWh per Nm³.</param>
/// <param name="ClassifierKw">Classifier drive, kW.</param>
/// <param name="NitrogenMakeupKgPerKg">Nitrogen make-up per kg of powder.</param>
public sealed record JetMillEnergy(double GasNm3PerKg, double CompressionKWhPerNm3, double ClassifierKw, double NitrogenMakeupKgPerKg) : StationEnergy;

/// <summary>Energy figures of the plant beyond its stations.</summary>
/// <param name="SpokePreprocessing">Sorting, dismantling and cutting at each spoke.</param>
/// <param name="HubBaseLoadKw">Hub base load (lighting, HVAC, compressed air, offices), kW around the clock.</param>
public sealed record PlantEnergySpecification(DriveEnergy SpokePreprocessing, double HubBaseLoadKw)
{
    /// <summary>Base load of the HPMS hall per vessel (ventilation, hydrogen detection, gas store), kW around the clock.</summary>
    public double HpmsBaseLoadKwPerVessel { get; init; }
}
