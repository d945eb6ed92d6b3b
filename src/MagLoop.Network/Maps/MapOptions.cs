namespace MagLoop.Network.Maps;

/// <summary>Options of <see cref="NetworkMap.Render"/>; every size is in SVG pixels (user units).</summary>
public sealed record MapOptions
{
    /// <summary>
    /// Folder holding us-states-contiguous.geojson (the network reference data, for example
    /// <c>NetworkCase.Data.Folder</c>). Null: the nearest shared/reference/network-data above the working directory,
    /// then above the application's folder.
    /// </summary>
    public string? DataFolder { get; init; }

    /// <summary>Width of the picture; the height follows from the map's shape.</summary>
    public double WidthPx { get; init; } = 960;

    /// <summary>Douglas-Peucker tolerance for the state outlines: no dropped vertex is further than this from the drawn line.</summary>
    public double SimplifyTolerancePx { get; init; } = 0.5;

    /// <summary>Radius of a circle whose area equals the symbol of the site with the largest throughput of the year.</summary>
    public double MaxSiteRadiusPx { get; init; } = 22;

    /// <summary>Radius of the dot of the source location that ships the most in the year.</summary>
    public double MaxSourceRadiusPx { get; init; } = 6;

    /// <summary>Width of the lane that carries the most tonnes in the year.</summary>
    public double MaxLaneWidthPx { get; init; } = 10;

    internal void Validate()
    {
        foreach (var (value, name) in new[]
                 {
                     (WidthPx, nameof(WidthPx)), (MaxSiteRadiusPx, nameof(MaxSiteRadiusPx)),
                     (MaxSourceRadiusPx, nameof(MaxSourceRadiusPx)), (MaxLaneWidthPx, nameof(MaxLaneWidthPx)),
                 })
        {
            if (!(value > 0) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(name, value, "must be a positive number");
        }

        if (!(SimplifyTolerancePx >= 0) || double.IsInfinity(SimplifyTolerancePx))
            throw new ArgumentOutOfRangeException(nameof(SimplifyTolerancePx), SimplifyTolerancePx, "must be zero or a positive number");
    }
}
