namespace MagLoop.Plants;

// Where the economics attaches money and people to equipment: StationDefinition.Crew and StationDefinition.Cost.
// The definition builder leaves both null until the scenario describes them; the capital and labour models fill
// and read them.

/// <summary>The crew one unit of a station needs on each shift.</summary>
/// <param name="OperatorsPerUnitPerShift">Operators per unit and shift (fractions when one person tends several units).</param>
/// <param name="Source">Citation or stated assumption.</param>
public sealed record StationCrew(double OperatorsPerUnitPerShift, string Source);

/// <summary>Installed cost of one unit as a power law of its size: cost = reference cost x (size / reference size)^exponent x installation factor.</summary>
/// <param name="ReferenceCostUsd">Purchased cost of a unit of the reference size, USD.</param>
/// <param name="ReferenceSize">Reference size in the station's own measure (kg per batch, kg/h).</param>
/// <param name="ScalingExponent">Exponent of the power law (about 0.6 for process equipment).</param>
/// <param name="InstallationFactor">Installed over purchased cost.</param>
/// <param name="Source">Citation, or "calibrated to ..." with what it was fitted to.</param>
public sealed record CostCurve(double ReferenceCostUsd, double ReferenceSize, double ScalingExponent, double InstallationFactor, string Source);
