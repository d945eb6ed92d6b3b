namespace MagLoop.Network.Planning;

/// <summary>How the planner solves a network problem. Every property states its default.</summary>
public sealed record PlannerOptions
{
    /// <summary>Wall-clock limit of one MIP solve (the base plan, each re-solve for a marginal value or a further plan). Default 60 s.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Relative optimality gap at which a solve stops: |best bound - plan| / |plan|. Default 0.005 (0.5 %), half the
    /// 1 % the issue asks of the 50 x 10 x 3 x 10 benchmark, so a default solve meets that bar with margin.
    /// </summary>
    public double RelativeGap { get; init; } = 0.005;

    /// <summary>How many best distinct plans to report (distinct in the set of options built). Default 1 (the optimum only).</summary>
    public int Plans { get; init; } = 1;

    /// <summary>Whether to re-solve without each candidate the plan opens to price what it adds. Default true.</summary>
    public bool MarginalValues { get; init; } = true;

    /// <summary>
    /// Whether each lane's flow is also bounded by the open indicator of the site it enters (x ≤ U·open), on top of
    /// the site's aggregate capacity. It adds one row per lane and year and tightens the relaxation, the usual
    /// strong formulation of facility location, but on networks/triple.yaml it made the relaxation ten times slower
    /// to solve (40 s against 5 s with GLOP), which left SCIP no time to search. Default false.
    /// </summary>
    public bool TightLinking { get; init; }

    /// <summary>Receives a line per solve stage (base plan, each marginal value, each further plan) for long runs. Default none.</summary>
    public IProgress<string>? Progress { get; init; }
}
