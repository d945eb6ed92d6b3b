using MagLoop.Materials;

namespace MagLoop.Process.Tests;

/// <summary>Realistic streams to feed the unit operations.</summary>
internal static class Samples
{
    /// <summary>1,000 t/yr of hard-disk VCM assemblies as received (Ni-coated magnets on steel).</summary>
    public static MassStream HddScrap => ScrapLibrary.HddVcm.AsReceived(1_000_000.0);

    /// <summary>500 t/yr of EV rotors as received (epoxy-coated magnets in laminations).</summary>
    public static MassStream EvScrap => ScrapLibrary.EvRotor.AsReceived(500_000.0);

    /// <summary>200 t/yr of Zn-coated speaker magnets as received.</summary>
    public static MassStream SpeakerScrap => ScrapLibrary.SpeakerZn.AsReceived(200_000.0);

    /// <summary>100 t/yr of hydride powder: sintered-magnet alloy with 0.4 wt% O and 0.3 wt% H.</summary>
    public static MassStream HydridePowder =>
        MassStream.Of(Composition.ParseWeightPercent("Nd=23,Pr=6,Dy=1.5,Co=1,B=0.95,Cu=0.1,Al=0.2,O=0.4,H=0.3,Ni=0.05,Steel=0.1,Fe=bal"), 100_000.0);

    /// <summary>The alloy of <see cref="HydridePowder"/> without its hydrogen.</summary>
    public static MassStream DegassedPowder => HydridePowder.With(Component.H, 0.0);

    /// <summary>Fresh NdPr (didymium) metal, Nd 75 wt%, Pr 25 wt%.</summary>
    public static Composition NdPr => Composition.ParseWeightPercent("Nd=75,Pr=25");
}
