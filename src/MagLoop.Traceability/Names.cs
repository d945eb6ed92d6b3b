namespace MagLoop.Traceability;

/// <summary>The JSON and command-line spellings of the traceability enums.</summary>
public static class Names
{
    /// <summary><c>compliant</c>, <c>non-compliant</c> or <c>undetermined</c>.</summary>
    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Compliant => "compliant",
        Verdict.NonCompliant => "non-compliant",
        _ => "undetermined",
    };

    /// <summary><c>require-upstream</c> or <c>reset-at-recycler</c>.</summary>
    public static string Of(RecycledPolicy policy) => policy == RecycledPolicy.RequireUpstream ? "require-upstream" : "reset-at-recycler";

    /// <summary><c>backward</c> or <c>forward</c>.</summary>
    public static string Of(GenealogyDirection direction) => direction == GenealogyDirection.Backward ? "backward" : "forward";

    /// <summary>Parses a policy name; null when unknown.</summary>
    public static RecycledPolicy? ParsePolicy(string text) => text switch
    {
        "require-upstream" => RecycledPolicy.RequireUpstream,
        "reset-at-recycler" => RecycledPolicy.ResetAtRecycler,
        _ => null,
    };
}
