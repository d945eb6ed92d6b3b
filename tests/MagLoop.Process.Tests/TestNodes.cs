using MagLoop.Materials;

namespace MagLoop.Process.Tests;

/// <summary>Small flowsheet nodes for graph and solver tests.</summary>
internal static class TestNodes
{
    public const string Out = "out";

    /// <summary>A feed of pure iron.</summary>
    public static FeedNode Feed(string id, double kgPerYear = 1000.0) => new(id, id, MassStream.Pure(Component.Fe, kgPerYear));

    /// <summary>Passes the sum of its inputs to "out".</summary>
    public static UnitNode Pass(string id, double? capacityKgPerYear = null) =>
        new(id, id, [Out], inputs => new NodeOutputs(new Dictionary<string, MassStream> { [Out] = MassStream.Sum(inputs.Values) }), capacityKgPerYear);

    /// <summary>Sends <paramref name="fraction"/> of the sum of its inputs to "taken" and the rest to "rest".</summary>
    public static UnitNode Splitter(string id, double fraction, double? capacityKgPerYear = null) =>
        new(id, id, ["taken", "rest"], inputs =>
        {
            var (taken, rest) = MassStream.Sum(inputs.Values).Split(_ => fraction);
            return new NodeOutputs(new Dictionary<string, MassStream> { ["taken"] = taken, ["rest"] = rest });
        }, capacityKgPerYear);

    /// <summary>Passes at most <paramref name="limitKgPerYear"/> to "out" and the excess to "excess": not proportional to its input.</summary>
    public static UnitNode Saturating(string id, double limitKgPerYear) =>
        new(id, id, [Out, "excess"], inputs =>
        {
            var input = MassStream.Sum(inputs.Values);
            var fraction = input.TotalKgPerYear > limitKgPerYear ? limitKgPerYear / input.TotalKgPerYear : 1.0;
            var (passed, excess) = input.Split(_ => fraction);
            return new NodeOutputs(new Dictionary<string, MassStream> { [Out] = passed, ["excess"] = excess });
        });

    /// <summary>Passes its inputs on and draws <paramref name="oxygenKgPerKg"/> of oxygen per kg from outside.</summary>
    public static UnitNode Oxidiser(string id, double oxygenKgPerKg) =>
        new(id, id, [Out], inputs =>
        {
            var input = MassStream.Sum(inputs.Values);
            var oxygen = MassStream.Pure(Component.O, oxygenKgPerKg * input.TotalKgPerYear);
            return new NodeOutputs(
                new Dictionary<string, MassStream> { [Out] = input + oxygen },
                new Dictionary<string, MassStream> { ["oxygen"] = oxygen });
        });
}
