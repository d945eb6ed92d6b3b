using System.Globalization;

namespace MagLoop.Traceability.Storage;

/// <summary>The rows one event adds to each projection table, in the tables' column order.</summary>
internal sealed class ProjectionRows
{
    /// <summary>Columns of <c>lots</c>.</summary>
    public static readonly string[] LotColumns = ["lot", "created_seq", "created_ms", "mass_kg", "material_class", "mined", "refined", "separated", "melted", "produced", "recovered_in"];

    /// <summary>Columns of <c>lot_events</c>.</summary>
    public static readonly string[] LotEventColumns = ["event_seq", "role", "lot", "mass_kg"];

    /// <summary>Columns of <c>links</c>.</summary>
    public static readonly string[] LinkColumns = ["to_lot", "from_lot", "event_seq", "fraction"];

    /// <summary>Columns of <c>measurements</c>.</summary>
    public static readonly string[] MeasurementColumns = ["event_seq", "ordinal", "type", "substance", "value", "uom"];

    public List<object?[]> Lots { get; } = [];

    public List<object?[]> LotEvents { get; } = [];

    public List<object?[]> Links { get; } = [];

    public List<object?[]> Measurements { get; } = [];

    /// <summary>The rows of <paramref name="e"/> stored at <paramref name="seq"/>: one derivation for writing and for verifying.</summary>
    public static ProjectionRows Of(TraceEvent e, long seq)
    {
        var rows = new ProjectionRows();
        foreach (var (role, list) in new[] { (TraceStore.RoleConsumed, e.Consumed), (TraceStore.RoleCreated, e.Created), (TraceStore.RoleObserved, e.Observed) })
            foreach (var g in list.GroupBy(q => q.Lot, StringComparer.Ordinal))
                rows.LotEvents.Add([seq, role, g.Key, g.Count() == 1 ? g.First().MassKg : g.Sum(q => q.MassKg)]);

        var m = e.MasterData;
        string? Stage(OriginStage s) => m.Stages.TryGetValue(s, out var c) ? c : null;
        foreach (var q in e.Created)
        {
            rows.Lots.Add([q.Lot, seq, e.EventTime.ToUnixTimeMilliseconds(), q.MassKg, m.MaterialClass is { } mc ? MaterialClasses.Name(mc) : null,
                Stage(OriginStage.Mined), Stage(OriginStage.Refined), Stage(OriginStage.Separated), Stage(OriginStage.Melted), Stage(OriginStage.Produced), m.RecoveredIn]);
        }

        if (e.Created.Count > 0 && e.Consumed.Count > 0)
        {
            // Proportional allocation: every output lot holds the inputs in the proportion of their masses.
            var totalKg = e.Consumed.Sum(q => q.MassKg);
            foreach (var output in e.Created)
                foreach (var g in e.Consumed.GroupBy(q => q.Lot, StringComparer.Ordinal))
                    rows.Links.Add([output.Lot, g.Key, seq, g.Sum(q => q.MassKg) / totalKg]);
        }

        var ordinal = 0;
        foreach (var measurement in e.Measurements)
            rows.Measurements.Add([seq, ordinal++, measurement.Type, measurement.Substance, measurement.Value, measurement.Uom]);
        return rows;
    }

    /// <summary>
    /// Sets the event's ledger position in every row (the rows of a prepared capture are derived before the writer
    /// knows it: <see cref="PreparedCapture"/>).
    /// </summary>
    public void AtSeq(long seq)
    {
        object boxed = seq;
        foreach (var row in LotEvents) row[0] = boxed;
        foreach (var row in Lots) row[1] = boxed;
        foreach (var row in Links) row[2] = boxed;
        foreach (var row in Measurements) row[0] = boxed;
    }

    /// <summary>A row as comparable text (doubles in round-trip form, integers widened, nulls marked).</summary>
    public static string Key(IEnumerable<object?> row) => string.Join("\u001f", row.Select(v => v switch
    {
        null or DBNull => "\u2400",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        int i => ((long)i).ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    }));
}
