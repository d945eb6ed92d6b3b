namespace MagLoop.Traceability.Epcis;

/// <summary>GS1 CBV 2.0 vocabulary MagLoop checks user input against [T2].</summary>
public static class Cbv
{
    /// <summary>The CBV 2.0 bizStep values (short names), as enumerated in GS1's EPCIS 2.0 JSON schema.</summary>
    public static IReadOnlyList<string> BizSteps { get; } =
    [
        "accepting", "arriving", "assembling", "collecting", "commissioning", "consigning", "creating_class_instance",
        "cycle_counting", "decommissioning", "departing", "destroying", "disassembling", "dispensing", "encoding",
        "entering_exiting", "holding", "inspecting", "installing", "killing", "loading", "other", "packing", "picking",
        "receiving", "removing", "repackaging", "repairing", "replacing", "reserving", "retail_selling", "sampling",
        "sensor_reporting", "shipping", "staging_outbound", "stock_taking", "stocking", "storing", "transporting",
        "unloading", "unpacking", "void_shipping",
    ];

    /// <summary>The spellings under which CBV bizSteps appear: URN and the GS1 web URIs, each followed by the short name.</summary>
    public static IReadOnlyList<string> BizStepPrefixes { get; } = ["urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-", "https://gs1.org/voc/BizStep-"];

    /// <summary>
    /// Whether <paramref name="bizStep"/> is a CBV 2.0 bizStep (short name or one of its URIs) or another party's
    /// URI (any other value with a colon, which EPCIS allows).
    /// </summary>
    public static bool IsBizStep(string bizStep)
    {
        ArgumentNullException.ThrowIfNull(bizStep);
        foreach (var prefix in BizStepPrefixes)
            if (bizStep.StartsWith(prefix, StringComparison.Ordinal)) return BizSteps.Contains(bizStep[prefix.Length..]);
        return BizSteps.Contains(bizStep) || bizStep.Contains(':', StringComparison.Ordinal);
    }
}
