using MagLoop.Materials;
using MagLoop.Materials.Magnets;
using MagLoop.Process;

namespace MagLoop.Plants.Tests;

/// <summary>A small hand-written definition: one spoke with an EV-rotor feed, one hub with every station.</summary>
internal static class SamplePlant
{
    public static readonly SiteId Hub = new("hub");
    public static readonly SiteId Spoke = new("spoke");

    private static readonly WorkCalendar AllWeek = new(3, 8, 7);
    private static readonly Reliability Steady = new(500, 8, 720, 12, 0.05);

    public static StationDefinition Station(StationId id, StationKind kind, UnitId serves, StationThroughput throughput, int units = 1, double availability = 0.9) =>
        new(id, kind, id.Value, Hub, units, throughput, 250, 10_000, AllWeek, 8760, availability, Steady, serves, []);

    public static PlantDefinition Create(double feedTonnesPerYear = 1000, double jetMillKgPerHour = 10, double pressKgPerHour = 80) => new(
        "sample",
        [new SiteDefinition(Hub, "Hub", SiteRole.Hub, 33, -97), new SiteDefinition(Spoke, "Spoke", SiteRole.Spoke, 35, -82)],
        [new RouteDefinition(Spoke, Hub, FreightMode.Truck, 1500)],
        [new FeedDefinition(new FeedId("ev"), Spoke, ScrapLibrary.EvRotor, feedTonnesPerYear * 1000)],
        [
            Station(StationId.Hpms, StationKind.Hpms, UnitId.Hpms, new BatchThroughput(1000, [new("load", 2), new("hydrogenate", 6)])),
            Station(StationId.JetMills, StationKind.JetMill, UnitId.JetMilling, new RateThroughput(jetMillKgPerHour)),
            Station(StationId.Presses, StationKind.Press, UnitId.Pressing, new RateThroughput(pressKgPerHour)),
        ],
        new PlantProcess(
            new Hpms.Parameters(0.003, 0.0005, 0.05, 0.001),
            new Degassing.Parameters(0.85),
            Composition.FromMassFractions([new(Component.Nd, 0.75), new(Component.Pr, 0.25)]),
            0.30,
            new LossyStep.Parameters(0.01, 0.001),
            new LossyStep.Parameters(0.01, 0),
            new Sintering.Parameters(1, 0.005, 1),
            new LossyStep.Parameters(0, 0),
            new Machining.Parameters(0.75, 0.01),
            new Coating.Parameters(CoatingKind.Nickel, 0.01),
            new Inspection.Parameters(0.02),
            new PlantRouting(SwarfToHpms: false, RejectsToHpms: true, PressingScrapToBlending: true)),
        new MagnetSpecification(new MagnetProcessing(), null),
        new PlantEnergySpecification(new DriveEnergy(110, 0.5, 1500), 40),
        new SimulationSettings(1, 2, 30, [], new WorkCalendar(2, 8, 5), 20_000, 41, 0.15));
}
