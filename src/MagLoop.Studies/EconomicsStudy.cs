using PlantEnergy = MagLoop.Carbon.PlantEnergy;
using MagLoop.Economics;
using MagLoop.Errors;
using MagLoop.Materials;
using MagLoop.Materials.Magnets;
using MagLoop.Plants;
using MagLoop.Process;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies;

/// <summary>
/// Turns a scenario's <c>economics:</c> section and the plant's production into the cash-flow model's inputs,
/// runs it, and (with Monte Carlo draws) the tornado and the Monte Carlo. All checks of the section are located
/// <see cref="ScenarioException"/>s.
/// </summary>
public static class EconomicsStudy
{
    /// <summary>The study result with its economics and, when Monte Carlo draws are asked for, its risk.</summary>
    public static StudyResult Attach(Plant plant, FlowsheetSolution solution, StudyResult result, StudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var section = plant.Scenario.Economics;
        if (section is null)
        {
            if (options.PriceDeck is not null)
                throw plant.Map.Error(plant.Scenario, null, $"--price-deck '{options.PriceDeck}' was given, but the scenario has no economics section");
            return result;
        }

        var context = Context.Create(plant, section, options.PriceDeck);
        // The study has already computed the plant's energy and the magnets' grade: reuse them rather than redo both.
        var basis = ProductionBasis.From(plant, solution, result.Carbon?.Energy, result.Products);
        var outcome = context.Evaluate(basis, Multipliers.Base);
        var economics = EconomicsResult.From(context.Deck.Name, outcome, context.OpexAtNameplate(basis));
        result = result with { Economics = economics };
        if (options.MonteCarloDraws > 0) result = result with { Risk = RunRisk(context, plant, basis, options) };
        return result;
    }

    /// <summary>Checks the economics section (price decks, scrap prices, tariffs, financing, risk inputs) without running the cash-flow model.</summary>
    public static void Check(Plant plant)
    {
        ArgumentNullException.ThrowIfNull(plant);
        if (plant.Scenario.Economics is { } section) Context.Create(plant, section, null);
    }

    private static RiskResult RunRisk(Context context, Plant plant, ProductionBasis baseBasis, StudyOptions options)
    {
        var risk = context.Section.Risk;
        var resolver = new ProcessResolver(plant, baseBasis);

        var tornado = new List<TornadoBar>();
        foreach (var bar in risk.Tornado)
        {
            double Npv(double value)
            {
                var m = Multipliers.Base.With(bar.Driver, value);
                return (double)context.Evaluate(resolver.Basis(m), m).NpvUsd;
            }

            tornado.Add(new TornadoBar(ScenarioNames.Key(bar.Driver.ToString()), bar.Low, bar.High, Npv(bar.Low), Npv(bar.High)));
        }

        tornado.Sort((a, b) => Math.Abs(b.NpvHighUsd - b.NpvLowUsd).CompareTo(Math.Abs(a.NpvHighUsd - a.NpvLowUsd)));
        var drivers = risk.Distributions.Select(d => d.Driver).ToArray();
        var draws = options.MonteCarloDraws;
        var summary = MonteCarlo.Run(context.Inputs, context.Correlations, draws, options.Seed, values =>
        {
            var m = Multipliers.Base;
            for (var i = 0; i < drivers.Length; i++) m = m.With(drivers[i], values[i]);
            var outcome = context.Evaluate(resolver.Basis(m), m);
            return new DrawOutcome((double)outcome.NpvUsd, outcome.Irr.Irr);
        }, options.Progress is { } progress ? new SynchronousProgress(progress, draws) : null);
        return new RiskResult(summary.Draws, options.Seed, summary.NpvP10Usd, summary.NpvP50Usd, summary.NpvP90Usd, summary.NpvMeanUsd,
            summary.ProbabilityNpvNegative, summary.IrrP50, summary.DrawsWithoutUniqueIrr, tornado);
    }

    /// <summary>Reports progress on the calling thread (Progress&lt;T&gt; would post to a thread pool and arrive late).</summary>
    private sealed class SynchronousProgress(IProgress<StudyProgress> target, int total) : IProgress<int>
    {
        private readonly Lock _gate = new();

        public void Report(int value)
        {
            lock (_gate) target.Report(new StudyProgress("Monte Carlo", value, total));
        }
    }

    /// <summary>Driver multipliers, 1 in the base case.</summary>
    private sealed record Multipliers(IReadOnlyDictionary<EconomicDriver, double> Values)
    {
        public static Multipliers Base { get; } = new(new Dictionary<EconomicDriver, double>());

        public double this[EconomicDriver driver] => Values.TryGetValue(driver, out var v) ? v : 1.0;

        public bool TouchesProcess => this[EconomicDriver.HpmsAvailability] != 1 || this[EconomicDriver.MagnetLineAvailability] != 1 || this[EconomicDriver.ExtractionYield] != 1;

        public Multipliers With(EconomicDriver driver, double value) => new(new Dictionary<EconomicDriver, double>(Values) { [driver] = value });
    }

    /// <summary>Re-solves the flowsheet for draws that change process parameters.</summary>
    private sealed class ProcessResolver(Plant plant, ProductionBasis baseBasis)
    {
        public ProductionBasis Basis(Multipliers m)
        {
            if (!m.TouchesProcess) return baseBasis;
            var definition = plant.Definition;
            var yield = m[EconomicDriver.ExtractionYield];
            // The draw changes the definition; the one factory rebuilds the flowsheet from it.
            var changedDefinition = definition with
            {
                Stations = [.. definition.Stations.Select(s => s.Id == StationId.Hpms ? Available(s, m[EconomicDriver.HpmsAvailability])
                    : s.Id == StationId.JetMills ? Available(s, m[EconomicDriver.MagnetLineAvailability]) : s)],
                Feeds = [.. definition.Feeds.Select(f => f with
                {
                    ScrapType = f.ScrapType with
                    {
                        HpmsExtractionYield = f.ScrapType.HpmsExtractionYield with { Value = Math.Min(1, f.ScrapType.HpmsExtractionYield.Value * yield) },
                    },
                })],
            };
            var changed = plant with { Definition = changedDefinition, Flowsheet = FlowsheetFactory.Create(changedDefinition) };
            try
            {
                return ProductionBasis.From(changed, FlowsheetSolver.Solve(changed.Flowsheet));
            }
            catch (ProcessException e)
            {
                throw plant.Map.Error(plant.Scenario.Economics!.Risk, null, $"a risk draw's process parameters cannot be solved: {e.Message}");
            }
        }

        // Availability cannot exceed 1: the multiplier is capped where it would.
        private static StationDefinition Available(StationDefinition station, double multiplier) =>
            station with { Availability = Math.Min(1, station.Availability * multiplier) };
    }

    /// <summary>The section, checked, with the chosen deck.</summary>
    private sealed class Context
    {
        private Context(Plant plant, EconomicsSection section, PriceDeck deck, Dictionary<string, ScrapPriceSpec> scrapPrices, string? soldGrade,
            IReadOnlyList<UncertainInput> inputs, IReadOnlyList<Correlation> correlations)
        {
            Plant = plant;
            Section = section;
            Deck = deck;
            ScrapPrices = scrapPrices;
            SoldGrade = soldGrade;
            Inputs = inputs;
            Correlations = correlations;
        }

        public Plant Plant { get; }

        public EconomicsSection Section { get; }

        public PriceDeck Deck { get; }

        public Dictionary<string, ScrapPriceSpec> ScrapPrices { get; }

        /// <summary>The grade stated in economics.magnetGrade, in canonical form, or null for the predicted grade.</summary>
        public string? SoldGrade { get; }

        /// <summary>The Monte Carlo distributions, checked.</summary>
        public IReadOnlyList<UncertainInput> Inputs { get; }

        /// <summary>The correlations between them, checked to form a positive definite matrix.</summary>
        public IReadOnlyList<Correlation> Correlations { get; }

        private SourceMap Map => Plant.Map;

        public static Context Create(Plant plant, EconomicsSection section, string? deckName)
        {
            var map = plant.Map;
            if (section.PriceDecks.Count == 0) throw map.Error(section, nameof(EconomicsSection.PriceDecks), "at least one price deck is required");
            var decks = new Dictionary<string, PriceDeckSpec>();
            // Streams a routing may send out as co-products, so that a deck need not change with the routing.
            var coProductStreams = new[] { StreamId.SurplusPowder.Value, StreamId.PressingScrap.Value, StreamId.Swarf.Value, StreamId.Rejects.Value }
                .Concat(plant.Flowsheet.Edges.Where(e => e.Outlet == OutletKind.CoProduct).Select(e => e.Name)).Distinct().ToList();
            foreach (var d in section.PriceDecks)
            {
                if (!decks.TryAdd(d.Name, d)) throw map.Error(d, nameof(PriceDeckSpec.Name), $"duplicate price deck '{d.Name}'");
                if (d.NdprPath is { Count: 0 }) throw map.Error(d, nameof(PriceDeckSpec.NdprPath), "needs at least one multiplier (or leave it out for a flat price)");
                var priced = new HashSet<string>();
                foreach (var c in d.CoProducts)
                {
                    if (!coProductStreams.Contains(c.Stream))
                    {
                        var hint = Suggest.Nearest(c.Stream, coProductStreams);
                        throw map.Error(c, nameof(CoProductPriceSpec.Stream),
                            $"'{c.Stream}' is not a co-product stream{(hint is null ? "." : $"; did you mean '{hint}'?")} Co-product streams: {string.Join(", ", coProductStreams)}");
                    }

                    if (!priced.Add(c.Stream)) throw map.Error(c, nameof(CoProductPriceSpec.Stream), $"co-product stream '{c.Stream}' is priced twice in deck '{d.Name}'");
                }

                var grades = new HashSet<MagnetGrade>();
                foreach (var g in d.GradePremiums)
                {
                    if (!grades.Add(Grade(map, g, nameof(GradePremiumSpec.Grade), g.Grade)))
                        throw map.Error(g, nameof(GradePremiumSpec.Grade), $"grade '{g.Grade}' has two premiums in deck '{d.Name}'");
                }
            }

            var soldGrade = section.MagnetGrade is { } sold ? Grade(map, section, nameof(EconomicsSection.MagnetGrade), sold).ToString() : null;

            if (section.DefaultPriceDeck is { } fallback && !decks.ContainsKey(fallback))
                throw map.Error(section, nameof(EconomicsSection.DefaultPriceDeck), UnknownDeck(fallback, decks.Keys));
            var name = deckName ?? section.DefaultPriceDeck ?? section.PriceDecks[0].Name;
            if (!decks.TryGetValue(name, out var spec))
                throw map.Error(section, nameof(EconomicsSection.PriceDecks), UnknownDeck(name, decks.Keys));

            var years = section.ConstructionYears;
            if (section.CapexSchedule is { } schedule)
            {
                if (schedule.Count != years)
                    throw map.Error(section, nameof(EconomicsSection.CapexSchedule), $"needs one share per construction year ({years}), found {schedule.Count}");
                if (Math.Abs(schedule.Sum() - 1) > 1e-6)
                    throw map.Error(section, nameof(EconomicsSection.CapexSchedule), $"shares must sum to 1, found {schedule.Sum():G6}");
            }

            if (section.RampUp is { } ramp)
            {
                if (ramp.Count == 0) throw map.Error(section, nameof(EconomicsSection.RampUp), "needs at least one share");
                for (var i = 0; i < ramp.Count; i++)
                {
                    if (ramp[i] is not (>= 0 and <= 1.5))
                        throw map.Error(section, nameof(EconomicsSection.RampUp), $"rampUp[{i}] is {ramp[i]:G6}; shares of nameplate must lie in [0, 1.5]");
                }
            }

            if (section.Capex.Count == 0) throw map.Error(section, nameof(EconomicsSection.Capex), "at least one capital area is required");
            if (section.Loan is { } loan && loan.TenorYears > section.OperatingYears)
                throw map.Error(loan, nameof(LoanSpec.TenorYears), $"the loan ({loan.TenorYears} years) is longer than the project's operating life ({section.OperatingYears} years)");

            var knownTypes = ScrapLibrary.All.Select(s => s.Id).Concat(plant.Scenario.ScrapTypes.Select(s => s.Id)).ToHashSet();
            var scrapPrices = new Dictionary<string, ScrapPriceSpec>();
            foreach (var s in section.ScrapPrices)
            {
                if (!knownTypes.Contains(s.ScrapType))
                {
                    var hint = Suggest.Nearest(s.ScrapType, knownTypes);
                    throw map.Error(s, nameof(ScrapPriceSpec.ScrapType), $"unknown scrap type '{s.ScrapType}'{(hint is null ? "" : $"; did you mean '{hint}'?")}");
                }

                if (!scrapPrices.TryAdd(s.ScrapType, s)) throw map.Error(s, nameof(ScrapPriceSpec.ScrapType), $"scrap type '{s.ScrapType}' is priced twice");
            }

            var sites = plant.Scenario.Sites.Select(s => s.Id).ToHashSet();
            var tariffSites = new HashSet<string>();
            foreach (var t in section.ElectricityTariffs)
            {
                RequireSite(map, sites, t, nameof(ElectricityTariffSpec.Site), t.Site);
                if (!tariffSites.Add(t.Site)) throw map.Error(t, nameof(ElectricityTariffSpec.Site), $"site '{t.Site}' has two electricity tariffs");
            }

            foreach (var l in section.Labour) RequireSite(map, sites, l, nameof(LabourSpec.Site), l.Site);
            var risk = section.Risk;
            var swung = new HashSet<EconomicDriver>();
            foreach (var t in risk.Tornado)
            {
                if (t.Low > t.High) throw map.Error(t, nameof(TornadoSpec.Low), $"low ({t.Low:G6}) is above high ({t.High:G6})");
                if (!swung.Add(t.Driver)) throw map.Error(t, nameof(TornadoSpec.Driver), $"driver '{Key(t.Driver)}' is in the tornado twice");
            }

            var drawn = new HashSet<EconomicDriver>();
            var inputs = new List<UncertainInput>();
            foreach (var d in risk.Distributions)
            {
                inputs.Add(new UncertainInput(Key(d.Driver), Distribution(map, d)));
                if (!drawn.Add(d.Driver)) throw map.Error(d, nameof(DistributionSpec.Driver), $"driver '{Key(d.Driver)}' has two distributions");
            }

            // The Monte Carlo's checks run here, so that validate and a study without draws refuse what the Monte Carlo would.
            var pairs = new HashSet<(EconomicDriver, EconomicDriver)>();
            foreach (var c in risk.Correlations)
            {
                if (c.A == c.B) throw map.Error(c, nameof(CorrelationSpec.B), $"a driver cannot be correlated with itself ('{Key(c.A)}')");
                if (!pairs.Add(c.A < c.B ? (c.A, c.B) : (c.B, c.A)))
                    throw map.Error(c, nameof(CorrelationSpec.B), $"'{Key(c.A)}' and '{Key(c.B)}' are correlated twice: give each pair one rho");
                foreach (var (driver, field) in new[] { (c.A, nameof(CorrelationSpec.A)), (c.B, nameof(CorrelationSpec.B)) })
                {
                    if (!drawn.Contains(driver)) throw map.Error(c, field, $"correlation names '{Key(driver)}', which has no distribution");
                }
            }

            var correlations = risk.Correlations.Select(c => new Correlation(Key(c.A), Key(c.B), c.Rho)).ToList();
            try
            {
                MonteCarlo.Cholesky(MonteCarlo.CorrelationMatrix(inputs, correlations));
            }
            catch (ArgumentException e)
            {
                throw map.Error(risk, nameof(RiskSpec.Correlations), e.Message.Split(" (Parameter", 2)[0]);
            }

            return new Context(plant, section, ToDeck(spec), scrapPrices, soldGrade, inputs, correlations);
        }

        private static string Key(EconomicDriver driver) => ScenarioNames.Key(driver.ToString());

        private static MagnetGrade Grade(SourceMap map, object owner, string property, string text)
        {
            try
            {
                return MagnetGrade.Parse(text);
            }
            catch (MaterialsException e)
            {
                throw map.Error(owner, property, e.Message);
            }
        }

        private static Distribution Distribution(SourceMap map, DistributionSpec d)
        {
            double Need(double? value, string field) => value ?? throw map.Error(d, field, $"a {ScenarioNames.Key(d.Kind.ToString())} distribution needs '{ScenarioNames.Key(field)}'");
            var distribution = d.Kind switch
            {
                DistributionKind.Triangular => Economics.Distribution.Triangular(Need(d.Low, nameof(d.Low)), Need(d.Mode, nameof(d.Mode)), Need(d.High, nameof(d.High))),
                DistributionKind.Pert => Economics.Distribution.Pert(Need(d.Low, nameof(d.Low)), Need(d.Mode, nameof(d.Mode)), Need(d.High, nameof(d.High))),
                DistributionKind.Normal => Economics.Distribution.Normal(Need(d.Mean, nameof(d.Mean)), Need(d.StdDev, nameof(d.StdDev))),
                DistributionKind.Lognormal => Economics.Distribution.Lognormal(Need(d.Median, nameof(d.Median)), Need(d.Sigma, nameof(d.Sigma))),
                _ => Economics.Distribution.Uniform(Need(d.Low, nameof(d.Low)), Need(d.High, nameof(d.High))),
            };
            if (distribution.Problem() is { } problem) throw map.Error(d, nameof(DistributionSpec.Kind), problem);
            return distribution;
        }

        private static string UnknownDeck(string name, IEnumerable<string> known)
        {
            var hint = Suggest.Nearest(name, known);
            return $"price deck '{name}' is not defined{(hint is null ? "." : $"; did you mean '{hint}'?")} Decks: {string.Join(", ", known)}";
        }

        private static void RequireSite(SourceMap map, HashSet<string> sites, object owner, string property, string id)
        {
            if (sites.Contains(id)) return;
            var hint = Suggest.Nearest(id, sites);
            throw map.Error(owner, property, $"site '{id}' is not defined{(hint is null ? "." : $"; did you mean '{hint}'?")} Sites: {string.Join(", ", sites)}");
        }

        private static PriceDeck ToDeck(PriceDeckSpec d) => new(
            d.Name,
            (decimal)d.NdprOxideUsdPerKg,
            Price(d.Magnet),
            d.GradePremiums.ToDictionary(g => MagnetGrade.Parse(g.Grade).ToString(), g => (decimal)g.UsdPerKg),
            d.CoProducts.ToDictionary(c => c.Stream, c => new LinkedPrice((decimal)c.UsdPerKg, (decimal)c.NdprLink)),
            Price(d.OtherCoProducts),
            Price(d.FreshRareEarth),
            d.NdprPath?.Select(m => (decimal)m).ToList());

        private static LinkedPrice Price(PriceSpec p) => new((decimal)p.UsdPerKg, (decimal)p.NdprLink);

        private IReadOnlyList<CapexArea> Capex(decimal multiplier)
        {
            var vessels = Plant.Scenario.Equipment.Hpms.Vessels;
            return Section.Capex.Select(a => new CapexArea(a.Name, (decimal)(a.Usd + (a.UsdPerHpmsVessel * vessels)) * multiplier, a.Contingency, a.Depreciation, a.StraightLineYears)).ToList();
        }

        /// <summary>Opex lines at nameplate for the base case, for the report.</summary>
        public IReadOnlyList<OpexLine> OpexAtNameplate(ProductionBasis basis) =>
            OperatingCosts.Lines(Operating(basis, Multipliers.Base, Capex(1).Sum(a => a.TotalUsd)), Deck.InOperatingYear(int.MaxValue));

        public ProjectOutcome Evaluate(ProductionBasis basis, Multipliers m)
        {
            var s = Section;
            var deck = Deck.Scaled((decimal)m[EconomicDriver.MagnetPrice], (decimal)m[EconomicDriver.NdprPrice], (decimal)m[EconomicDriver.CoProductPrice]);
            var capex = Capex((decimal)m[EconomicDriver.Capex]);
            var capexTotal = capex.Sum(a => a.TotalUsd);
            // Steady state: the deck at the end of its NdPr path; earlier years follow the path.
            var steady = deck.InOperatingYear(int.MaxValue);
            var products = Products(basis, steady);
            var operating = Operating(basis, m, capexTotal);
            var path = deck.NdprPath?.Select((_, k) => deck.InOperatingYear(k))
                .Select(d => new YearPrices(Products(basis, d).Select(p => p.PriceUsdPerKg).ToList(), OperatingCosts.Lines(operating, d))).ToList();
            var years = s.ConstructionYears;
            var inputs = new ProjectInputs
            {
                ConstructionYears = s.ConstructionYears,
                OperatingYears = s.OperatingYears,
                DiscountRate = s.DiscountRate * m[EconomicDriver.DiscountRate],
                Capex = capex,
                CapexSchedule = s.CapexSchedule ?? Enumerable.Repeat(1.0 / years, years).ToArray(),
                SustainingCapexUsdPerYear = capexTotal * (decimal)s.SustainingCapexShare,
                RampUp = s.RampUp ?? DefaultRampUp,
                Products = products,
                Opex = OperatingCosts.Lines(operating, steady),
                PricePath = path,
                WorkingCapital = new WorkingCapitalTerms(s.WorkingCapital.ReceivableDays, s.WorkingCapital.InventoryDays, s.WorkingCapital.PayableDays),
                Tax = new TaxRules(s.Tax.FederalRate, s.Tax.StateMarginTaxRate, s.Tax.StateMarginShareOfRevenue, s.Tax.LossCarryForwardLimit),
                TaxCredit = s.TaxCredit is { } c ? new ProductionTaxCredit(c.Name, (decimal)c.UsdPerKgMagnet, c.Years) : null,
                Loan = s.Loan is { } l ? new LoanTerms((decimal)l.AmountUsd, l.InterestRate, l.UpfrontFeeShare, l.TenorYears, l.Repayment, l.TargetDscr) : null,
            };
            try
            {
                return CashFlowModel.Evaluate(inputs);
            }
            catch (ArgumentException e) when (e.ParamName == nameof(ProjectInputs.Loan))
            {
                throw Map.Error(s.Loan!, nameof(LoanSpec.AmountUsd), e.Message.Split(" (Parameter", 2)[0]);
            }
        }

        private List<ProductSale> Products(ProductionBasis basis, PriceDeck deck)
        {
            var products = new List<ProductSale> { new("Magnets", basis.MagnetKgPerYear, deck.MagnetUsdPerKg(SoldGrade ?? basis.PredictedGrade), IsMagnet: true) };
            products.AddRange(basis.CoProductsKgPerYear.Select(c => new ProductSale(c.Key, c.Value, deck.CoProductUsdPerKg(c.Key), IsMagnet: false)));
            return products;
        }

        // Full rate within five years of commissioning (disclosure); the shape is an engineering assumption.
        private static readonly double[] DefaultRampUp = [0.4, 0.6, 0.8, 0.9, 1.0];

        // Electricity by site and gases at nameplate come from the plant energy model (docs/model-carbon.md), so the
        // cost and the footprint rest on the same equipment figures.
        private static UtilityQuantities Utilities(ProductionBasis basis) =>
            new(basis.Energy.ElectricityKWhPerYearBySite, basis.Energy.HydrogenKgPerYear, basis.Energy.ArgonKgPerYear, basis.Energy.NitrogenKgPerYear);

        private OperatingInputs Operating(ProductionBasis basis, Multipliers m, decimal capexTotal)
        {
            var s = Section;
            var scrap = basis.Feeds.Select(f =>
            {
                var price = ScrapPrices.GetValueOrDefault(f.ScrapType);
                return new ScrapPurchase(f.Id, f.ProcessedKgPerYear, f.ContainedNdprKgPerYear, (decimal)(price?.UsdPerKg ?? 0), price?.ShareOfNdprValue ?? 0);
            }).ToList();
            var tariffs = new Dictionary<string, decimal>();
            foreach (var t in s.ElectricityTariffs) tariffs[t.Site] = (decimal)t.UsdPerKWh;
            var utilities = Utilities(basis);
            foreach (var site in utilities.ElectricityKWhPerYearBySite.Keys)
            {
                if (!tariffs.ContainsKey(site))
                    throw Map.Error(s, nameof(EconomicsSection.ElectricityTariffs), $"site '{site}' uses electricity but has no tariff");
            }

            // Each leg of a lane is paid at its own mode's rate.
            var shipments = basis.Feeds.Where(f => f.ShippedTonnesPerYear > 0)
                .SelectMany(f => f.Lane.KmByMode.Select(leg => new Shipment(f.Site, f.ShippedTonnesPerYear, leg.Km,
                    (decimal)(leg.Mode == FreightMode.Rail ? s.Freight.RailUsdPerTonneKm : s.Freight.TruckUsdPerTonneKm))))
                .ToList();
            return new OperatingInputs
            {
                Scrap = scrap,
                FreshRareEarthKgPerYear = basis.FreshRareEarthKgPerYear,
                MagnetKgPerYear = basis.MagnetKgPerYear,
                ConsumablesUsdPerKgMagnet = (decimal)s.ConsumablesUsdPerKgMagnet,
                Utilities = utilities,
                UtilityPrices = new UtilityPrices(tariffs, (decimal)s.Gases.HydrogenUsdPerKg, (decimal)s.Gases.ArgonUsdPerKg, (decimal)s.Gases.NitrogenUsdPerKg),
                Labour = s.Labour.Select(l => new LabourRole(l.Role, l.Site, (decimal)l.Headcount, (decimal)l.LoadedWageUsdPerYear)).ToList(),
                MaintenanceShareOfCapex = s.MaintenanceShareOfCapex,
                InsuranceShareOfCapex = s.InsuranceShareOfCapex,
                InitialCapexUsd = capexTotal,
                Shipments = shipments,
                GeneralAndAdministrativeUsdPerYear = (decimal)s.GeneralAndAdministrativeUsdPerYear,
                ScrapCostMultiplier = (decimal)m[EconomicDriver.ScrapCost],
                OpexMultiplier = (decimal)m[EconomicDriver.Opex],
            };
        }
    }

    /// <summary>What the economics reads from a solved plant.</summary>
    internal sealed record ProductionBasis(
        double MagnetKgPerYear,
        IReadOnlyDictionary<string, double> CoProductsKgPerYear,
        double HpmsIntakeKgPerYear,
        double FreshRareEarthKgPerYear,
        string HubSite,
        IReadOnlyList<FeedBasis> Feeds,
        PlantEnergy Energy,
        string? PredictedGrade)
    {
        /// <summary>
        /// What the economics reads from <paramref name="solution"/>; the energy record and the products are computed
        /// here unless the caller already has them for this very solution.
        /// </summary>
        public static ProductionBasis From(Plant plant, FlowsheetSolution solution, PlantEnergy? energy = null, IReadOnlyList<MagnetProduct>? products = null)
        {
            var hub = plant.Scenario.Equipment.Hpms.Site;
            var edges = plant.Flowsheet.Edges.Select(e => e.Name).ToHashSet();
            var feeds = plant.Scenario.Feeds.Select(f =>
            {
                // As the study's feed table: supply times the feed scale, magnet alloy by the type's fraction.
                var type = plant.ScrapTypes[f.Id];
                var node = (FeedNode)plant.Flowsheet.NodesById[UnitId.Feed(new FeedId(f.Id)).Value];
                var processedKg = node.Supply.TotalKgPerYear * solution.FeedScale;
                var ndpr = type.MagnetComposition[Component.Nd] + type.MagnetComposition[Component.Pr];
                var concentrate = $"{f.Id}: concentrate to hub";
                var shipped = edges.Contains(concentrate) ? solution.Stream(concentrate).TotalTonnesPerYear : 0;
                return new FeedBasis(f.Id, type.Id, f.Site, processedKg, processedKg * type.MagnetMassFraction.Value * ndpr, shipped, Lane.ToHub(plant.Definition, new SiteId(f.Site)));
            }).ToList();
            var coProducts = plant.Flowsheet.Edges.Where(e => e.Outlet == OutletKind.CoProduct)
                .GroupBy(e => e.Name).ToDictionary(g => g.Key, g => g.Sum(e => solution.Stream(e.Name).TotalKgPerYear));
            return new ProductionBasis(
                solution.Outlet(OutletKind.Magnet).TotalKgPerYear,
                coProducts,
                solution.Intake(UnitId.Hpms).TotalKgPerYear,
                solution.ExternalInput(ExternalInputs.FreshRareEarth).TotalKgPerYear,
                hub,
                feeds,
                energy ?? CarbonStudy.Inventory(plant, solution, CarbonStudy.Grids(plant)).Energy,
                (products ?? MagnetStudy.Products(plant, solution)) is [{ Grade: not "none" } product, ..] ? product.Grade : null);
        }
    }

    /// <summary>A feed as the economics sees it.</summary>
    internal sealed record FeedBasis(string Id, string ScrapType, string Site, double ProcessedKgPerYear, double ContainedNdprKgPerYear, double ShippedTonnesPerYear, Lane Lane);
}
