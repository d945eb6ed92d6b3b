using System.Globalization;
using MagLoop.Traceability.Epcis;

namespace MagLoop.Traceability.Demo;

/// <summary>Options of the demo history.</summary>
/// <param name="Days">Days of operation.</param>
/// <param name="Seed">Seed of every random choice (lot sizes, origins, test results).</param>
/// <param name="Start">First day (UTC midnight).</param>
public sealed record DemoOptions(int Days, int Seed, DateTimeOffset Start)
{
    /// <summary>A week from Monday 5 January 2026, seed 1.</summary>
    public static DemoOptions Default { get; } = new(7, 1, new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
}

/// <summary>One EPCIS document of the demo: a day of operation.</summary>
/// <param name="Name">File name (day-001.jsonld ...).</param>
/// <param name="Json">The document.</param>
/// <param name="Events">Events in it.</param>
public sealed record DemoDocument(string Name, string Json, int Events);

/// <summary>
/// Writes a period of hub operation as EPCIS 2.0 documents, one per day, with the yields of a <see cref="DemoPlant"/>:
/// scrap receipts at the spokes (with origin master data) and their shipment to the hub; spoke pre-processing
/// (magnet recovery and foreign-material removal of each scrap type); HPMS batches of the plant's batch size
/// (magnet alloy x extraction yield to powder, the rest to residue); daily blends of recycled powder with fresh NdPr
/// in the plant's proportion; pressing and sintering, machining, coating and inspection with the plant's stream
/// ratios; magnet tests; packing and shipping; inspection rejects returned to HPMS the next day.
/// </summary>
public static class DemoGenerator
{
    /// <summary>Placeholder GS1 company prefix of the demo (not an assigned prefix).</summary>
    public const string CompanyPrefix = "0860000";

    // Origins of the magnets in end-of-life scrap are not published for US scrap: engineering assumption that most
    // sintered NdFeB in service was made in China (China makes about 90 % of it), the rest in Japan; one lot in five
    // arrives without origin records, so some answers are 'undetermined'.
    private static readonly (string Country, double Probability)[] ScrapMagnetOrigins = [("CN", 0.7), ("JP", 0.3)];
    private const double ScrapWithoutRecords = 0.2;

    // Fresh NdPr metal suppliers: engineering assumption of two non-covered supply chains.
    private static readonly Dictionary<OriginStage, string>[] NdPrOrigins =
    [
        new() { [OriginStage.Mined] = "AU", [OriginStage.Refined] = "MY", [OriginStage.Separated] = "MY", [OriginStage.Melted] = "JP" },
        new() { [OriginStage.Mined] = "US", [OriginStage.Refined] = "US", [OriginStage.Separated] = "US", [OriginStage.Melted] = "US" },
    ];

    /// <summary>Writes the documents for a plant described by <paramref name="plant"/>.</summary>
    /// <exception cref="ArgumentException">The description is inconsistent (see <see cref="DemoPlant"/>).</exception>
    public static IReadOnlyList<DemoDocument> Generate(DemoPlant plant, DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(options);
        plant.Check();
        return new Run(plant, options).Documents();
    }

    private sealed class Run(DemoPlant plant, DemoOptions options)
    {
        private readonly Random _random = new(options.Seed);
        private readonly Queue<(string Lot, double Kg)> _powder = new();
        private readonly Queue<(string Lot, double Kg)> _concentrate = new();
        private readonly List<(string Lot, double Kg)> _rejects = [];
        private int _serial;
        private int _shipment;

        private string Location(string siteId) =>
            $"urn:epc:id:sgln:{CompanyPrefix}.{(plant.SiteIds.ToList().IndexOf(siteId) + 1).ToString("00000", CultureInfo.InvariantCulture)}.0";

        private string Lot(string item, string name) => LotIds.Lgtin(CompanyPrefix, item, name);

        private string EventId() => $"urn:uuid:{new Guid(Bytes()):D}";

        // Event ids from the seeded stream: the same seed gives the same documents.
        private byte[] Bytes()
        {
            var bytes = new byte[16];
            _random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return bytes;
        }

        private double Noise(double relative) => 1 + relative * (2 * _random.NextDouble() - 1);

        public IReadOnlyList<DemoDocument> Documents()
        {
            var documents = new List<DemoDocument>();
            var hub = Location(plant.HpmsSiteId);
            var batchKg = plant.HpmsBatchKg;
            var freshFraction = plant.FreshFraction;
            var sinterYield = plant.SinterYield;
            var machiningYield = plant.MachiningYield;
            var magnetYield = plant.MagnetYield;
            var rejectYield = plant.RejectYield;
            var lineKgPerDay = plant.MagnetLineIntakeTonnesPerYear * 1000 / 365;
            var powderComposition = plant.PowderComposition;

            for (var day = 0; day < options.Days; day++)
            {
                var date = options.Start.AddDays(day);
                var tag = date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
                var doc = new EpcisDocumentBuilder(date.AddHours(23), "-06:00");
                var t = date.AddHours(6);

                // Receipts at the spokes, pre-processing there, and the truck to the hub.
                foreach (var feed in plant.Feeds)
                {
                    var scrapKg = Math.Round(feed.ProcessedTonnesPerYear * 1000 / 365 * Noise(0.15), 1);
                    var scrap = Lot("010001", $"{feed.Id.ToUpperInvariant()}-{tag}");
                    var site = Location(feed.SiteId);
                    doc.Create(EventId(), t, "receiving", site, [new(scrap, scrapKg)], ScrapMasterData(feed.ScrapTypeId));
                    var magnetKg = scrapKg * feed.MagnetMassFraction * feed.SpokeMagnetRecovery;
                    var concentrateKg = magnetKg + scrapKg * (1 - feed.MagnetMassFraction) * (1 - feed.SpokeForeignRemoval);
                    var concentrate = Lot("010002", $"{feed.Id.ToUpperInvariant()}-{tag}");
                    var removed = Lot("010003", $"{feed.Id.ToUpperInvariant()}-{tag}");
                    doc.Transform(EventId(), t.AddHours(2), "creating_class_instance", site, [new(scrap, scrapKg)],
                        Positive(new(concentrate, Math.Round(concentrateKg, 1)), new(removed, Math.Round(scrapKg - concentrateKg, 1))));
                    if (site != hub)
                    {
                        doc.Observe(EventId(), t.AddHours(4), "shipping", "in_transit", site, [new(concentrate, Math.Round(concentrateKg, 1))]);
                        doc.Observe(EventId(), t.AddHours(20), "receiving", "in_progress", hub, [new(concentrate, Math.Round(concentrateKg, 1))]);
                    }

                    // Alloy share of the concentrate, for the HPMS split below.
                    _concentrate.Enqueue((concentrate, Math.Round(concentrateKg, 1)));
                    _alloyFraction[concentrate] = magnetKg / concentrateKg * feed.HpmsExtractionYield;
                }

                // HPMS: yesterday's rejects first, then concentrate lots in batches of the plant's charge.
                var hpmsTime = date.AddDays(1).AddHours(2);
                foreach (var (lot, kg) in _rejects)
                {
                    var powder = Lot("020001", $"R-{tag}-{++_serial}");
                    doc.Transform(EventId(), hpmsTime, "creating_class_instance", hub, [new(lot, kg)], [new(powder, Math.Round(kg * 0.99, 1))], measurements: Assay(powderComposition));
                    _powder.Enqueue((powder, Math.Round(kg * 0.99, 1)));
                }

                _rejects.Clear();
                while (_concentrate.Count > 0)
                {
                    var (lot, kg) = _concentrate.Dequeue();
                    var left = kg;
                    while (left > 0.05)
                    {
                        var charge = Math.Round(Math.Min(batchKg, left), 1);
                        left = Math.Round(left - charge, 1);
                        var powderKg = Math.Round(charge * _alloyFraction[lot], 1);
                        var powder = Lot("020001", $"{tag}-{++_serial}");
                        var residue = Lot("020002", $"{tag}-{_serial}");
                        doc.Transform(EventId(), hpmsTime, "creating_class_instance", hub, [new(lot, charge)],
                            Positive(new(powder, powderKg), new(residue, Math.Round(charge - powderKg, 1))), measurements: Assay(powderComposition));
                        _powder.Enqueue((powder, powderKg));
                        hpmsTime = hpmsTime.AddMinutes(20);
                    }
                }

                // Fresh NdPr delivery and the day's blend.
                var recycledKg = Math.Round(lineKgPerDay * (1 - freshFraction) * Noise(0.05), 1);
                var freshKg = Math.Round(recycledKg * freshFraction / (1 - freshFraction), 1);
                var ndpr = Lot("030001", $"NDPR-{tag}");
                var supplier = _random.Next(NdPrOrigins.Length);
                doc.Create(EventId(), date.AddHours(9), "receiving", hub, [new(ndpr, freshKg)], new LotMasterData(MaterialClass.Virgin, NdPrOrigins[supplier], null));
                var blendInputs = TakePowder(recycledKg);
                blendInputs.Add(new(ndpr, freshKg));
                var blendKg = Math.Round(blendInputs.Sum(i => i.MassKg), 1);
                var blend = Lot("040001", tag);
                var lineTime = Max(date.AddDays(1).AddHours(12), hpmsTime);
                doc.Transform(EventId(), lineTime, "creating_class_instance", hub, blendInputs, [new(blend, blendKg)]);

                // Jet mill, press and sinter (the hub produces the magnet), machine, coat, inspect, test, pack, ship.
                var block = Lot("050001", tag);
                var blockKg = Math.Round(blendKg * sinterYield, 1);
                doc.Transform(EventId(), lineTime.AddHours(4), "creating_class_instance", hub, [new(blend, blendKg)], [new(block, blockKg)],
                    new LotMasterData(null, new Dictionary<OriginStage, string> { [OriginStage.Produced] = "US" }, null),
                    [new Measurement(MagLoopNamespace.MassFraction, Element("O"), Math.Round(0.0035 * Noise(0.1), 5), null)]);
                var cut = Lot("060001", tag);
                var swarf = Lot("060002", tag);
                var cutKg = Math.Round(blockKg * machiningYield, 1);
                doc.Transform(EventId(), lineTime.AddHours(8), "creating_class_instance", hub, [new(block, blockKg)], Positive(new(cut, cutKg), new(swarf, Math.Round(blockKg - cutKg, 1))));
                var magnets = Lot("070001", tag);
                var rejects = Lot("070002", tag);
                var finishedKg = Math.Round(cutKg * magnetYield, 1);
                var rejectKg = Math.Round(cutKg * rejectYield, 1);
                doc.Transform(EventId(), lineTime.AddHours(10), "creating_class_instance", hub, [new(cut, cutKg)], Positive(new(magnets, finishedKg), new(rejects, rejectKg)));
                if (rejectKg > 0.05) _rejects.Add((rejects, rejectKg));
                // Test results around an N42-class grade: engineering assumption, seeded scatter.
                doc.Observe(EventId(), lineTime.AddHours(11), "inspecting", "conformant", hub, [new(magnets, finishedKg)],
                [
                    new Measurement(MagLoopNamespace.RemanenceT, null, Math.Round(1.30 * Noise(0.01), 3), null),
                    new Measurement(MagLoopNamespace.CoercivityHcjKAm, null, Math.Round(1100 * Noise(0.03), 0), null),
                    new Measurement(MagLoopNamespace.MaxEnergyProductKJm3, null, Math.Round(320 * Noise(0.02), 0), null),
                ]);
                var shipment = $"urn:epc:id:sscc:{CompanyPrefix}.{(++_shipment).ToString("0000000000", CultureInfo.InvariantCulture)}";
                doc.Pack(EventId(), lineTime.AddHours(12), hub, shipment, [new(magnets, finishedKg)]);

                documents.Add(new DemoDocument($"day-{day + 1:000}.jsonld", doc.ToJson(), doc.Count));
            }

            return documents;
        }

        private readonly Dictionary<string, double> _alloyFraction = new(StringComparer.Ordinal);

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

        // A by-product that rounds to nothing is not a lot.
        private static List<LotQuantity> Positive(params LotQuantity[] lots) => lots.Where(l => l.MassKg > 0.05).ToList();

        private List<LotQuantity> TakePowder(double kg)
        {
            var taken = new List<LotQuantity>();
            while (kg > 0.05 && _powder.Count > 0)
            {
                var (lot, available) = _powder.Peek();
                var take = Math.Round(Math.Min(available, kg), 1);
                taken.Add(new(lot, take));
                kg = Math.Round(kg - take, 1);
                _powder.Dequeue();
                // What is left of a partly used lot goes back to the front of the queue.
                if (available - take > 0.05)
                {
                    var rest = _powder.ToList();
                    _powder.Clear();
                    _powder.Enqueue((lot, Math.Round(available - take, 1)));
                    foreach (var r in rest) _powder.Enqueue(r);
                }
            }

            return taken;
        }

        private LotMasterData ScrapMasterData(string scrapType)
        {
            var preConsumer = scrapType.Contains("pre-consumer", StringComparison.Ordinal) || scrapType.Contains("reject", StringComparison.Ordinal);
            var stages = new Dictionary<OriginStage, string>();
            if (_random.NextDouble() >= ScrapWithoutRecords)
            {
                var roll = _random.NextDouble();
                var country = ScrapMagnetOrigins[^1].Country;
                foreach (var (c, p) in ScrapMagnetOrigins)
                {
                    if (roll < p)
                    {
                        country = c;
                        break;
                    }

                    roll -= p;
                }

                foreach (var stage in Enum.GetValues<OriginStage>()) stages[stage] = country;
            }

            return new LotMasterData(preConsumer ? MaterialClass.PreConsumer : MaterialClass.PostConsumer, stages, "US");
        }

        private static string Element(string symbol) => $"https://pubchem.ncbi.nlm.nih.gov/element/{symbol}";

        private List<Measurement> Assay(IReadOnlyDictionary<string, double> composition) =>
            composition.Where(p => p.Key is "Nd" or "Pr" or "Dy" or "Tb" or "O" && p.Value > 0)
                .Select(p => new Measurement(MagLoopNamespace.MassFraction, Element(p.Key), Math.Round(p.Value * Noise(0.02), 5), null)).ToList();
    }
}
