using PlantEnergy = MagLoop.Carbon.PlantEnergy;
using MagLoop.Economics;
using MagLoop.Economics.Financing;
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
    /// <summary>
    /// The plant as it buys feeds when HPMS capacity binds and <c>economics.feedChoice</c> is <c>margin</c>: best margin
    /// per kg of vessel intake first, the marginal feed cut back, unprofitable feeds not bought (<see cref="FeedChoice"/>).
    /// The definition's feed supplies become what the plant buys and the flowsheet is rebuilt from it; the margins say
    /// which feed was cut back and why. The plant itself and no margins without economics, with pro-rata choice, or
    /// when no capacity binds.
    /// </summary>
    public static (Plant Plant, IReadOnlyList<FeedMarginResult>? Margins) TakeFeedsByMargin(Plant plant, FlowsheetSolution solution, StudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(options);
        if (plant.Scenario.Economics is not { FeedChoice: FeedChoiceMode.Margin } section) return (plant, null);
        var context = Context.Create(plant, section, options.PriceDeck);
        var margins = context.FeedMargins(ProductionBasis.From(plant, solution));
        if (margins.All(m => m.Decision == "takenInFull")) return (plant, margins);
        var taken = margins.ToDictionary(m => m.Feed, m => m.TakenTonnesPerYear * 1000);
        var chosen = plant.Definition with { Feeds = [.. plant.Definition.Feeds.Select(f => f with { SupplyKgPerYear = taken[f.Id.Value] })] };
        var plantChosen = plant with { Definition = chosen, Flowsheet = FlowsheetFactory.Create(chosen) };
        // The margins value alloy as surplus powder, which holds only while the magnet line stays full: a choice that
        // starves the line is refused and the plant buys pro rata (the margins are still shown).
        var blend = FlowsheetSolver.Solve(plantChosen.Flowsheet).Stream(StreamId.Blend).TotalKgPerYear;
        if (blend < solution.Stream(StreamId.Blend).TotalKgPerYear * (1 - 1e-6))
            return (plant, ProRata(margins, solution.FeedScale, "buying by margin would leave the magnet line short of powder"));
        return (plantChosen, margins);
    }

    // The margins as the plant buys pro rata: each feed cut back by the flowsheet's feed scale, the margin decision kept in words.
    private static List<FeedMarginResult> ProRata(IReadOnlyList<FeedMarginResult> margins, double feedScale, string reason) =>
        [.. margins.Select(m => m with
        {
            TakenTonnesPerYear = m.OfferedTonnesPerYear * feedScale,
            Decision = "proRata",
            Why = $"pro rata ({reason}): every feed bought at {feedScale:P1} of its offer; by margin: {m.Why}",
        })];

    /// <summary>The study result with its economics and, when Monte Carlo draws are asked for, its risk.</summary>
    /// <param name="plant">The plant.</param>
    /// <param name="solution">Its solved flowsheet.</param>
    /// <param name="result">The study result so far.</param>
    /// <param name="options">Study options.</param>
    /// <param name="feedMargins">The margins by which <see cref="TakeFeedsByMargin"/> chose the feeds, if it did.</param>
    public static StudyResult Attach(Plant plant, FlowsheetSolution solution, StudyResult result, StudyOptions options, IReadOnlyList<FeedMarginResult>? feedMargins = null)
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
        var labour = context.Labour;
        var economics = EconomicsResult.From(context.Deck.Name, outcome, context.OpexAtNameplate(basis)) with
        {
            CapitalLines = context.Capital.Lines,
            CapexUsdBySite = context.Capital.TotalUsdBySite,
            Labour = new LabourResult(labour.Jobs, labour.TotalFte, labour.CostUsdPerYear, labour.Roles, labour.OperatorsByStation),
            Sales = context.Sales(basis),
            Financing = outcome.Financing is null ? null : FinancingStudy.Result(outcome) with { CovenantDscr = context.Financing?.MinDscr },
            FeedMargins = feedMargins ?? ProRata(context.FeedMargins(basis), solution.FeedScale, "economics.feedChoice is proRata"),
        };
        if (feedMargins is { Count: > 0 } && feedMargins[0].Decision != "proRata")
        {
            var cut = feedMargins.Where(m => m.Decision != "takenInFull").Select(m => $"{m.Feed} ({m.TakenTonnesPerYear / m.OfferedTonnesPerYear:P0} of {m.OfferedTonnesPerYear:N0} t/yr: {m.Why.Split(':')[0]})");
            result = result with
            {
                Warnings = [.. result.Warnings, $"HPMS capacity binds: the plant buys feeds by margin per kg of vessel intake (economics.feedChoice: margin) and cuts back {string.Join("; ", cut)}. See economics.feedMargins."],
            };
        }
        result = result with { Economics = economics };
        if (options.MonteCarloDraws <= 0) return result;
        var (risk, draws) = RunRisk(context, plant, basis, options);
        if (options.Shard is null) return result with { Risk = risk };
        draws.Carbon = result.Draws?.Carbon;
        return result with { Draws = draws };
    }

    /// <summary>Checks the economics section (price decks, scrap prices, tariffs, financing, risk inputs) without running the cash-flow model.</summary>
    public static void Check(Plant plant)
    {
        ArgumentNullException.ThrowIfNull(plant);
        if (plant.Scenario.Economics is { } section) Context.Create(plant, section, null);
    }

    // The tornado and the Monte Carlo; a shard run computes its draws only (no tornado, no percentiles: risk is null).
    private static (RiskResult? Risk, MonteCarloDraws Draws) RunRisk(Context context, Plant plant, ProductionBasis baseBasis, StudyOptions options)
    {
        var risk = context.Section.Risk;
        using var resolver = new ProcessResolver(plant, baseBasis);
        var execution = context.Execution;
        // Lenders size the debt once, at close, on the base case; the draws test that debt.
        var committed = context.Commit(baseBasis);
        var drivers = risk.Distributions.Select(d => d.Driver).ToArray();
        // The execution drivers are sampled after the price and cost drivers, so a scenario without them draws as before.
        var (inputs, correlations) = context.DrawnInputs;
        var (start, count) = options.DrawRange;
        var draws = options.MergedDraws;
        if (draws is null)
        {
            // One slot per draw, written by the draw's index: the results do not depend on the order draws finish in.
            var computed = new MonteCarloDraws(start, count);
            MonteCarlo.Evaluate(inputs, correlations, options.Seed, start, count, (d, values) =>
            {
                var m = Multipliers.Of(drivers, values);
                var x = execution?.Draw(values[drivers.Length..]) ?? ExecutionDraw.Plan;
                var outcome = context.Evaluate(resolver.Basis(m, x.SupplyShares), m, x, committed);
                var k = d - start;
                computed.NpvUsd[k] = (double)outcome.NpvUsd;
                computed.Irr[k] = outcome.Irr.Irr ?? double.NaN;
                computed.EquityIrr[k] = outcome.EquityIrr.Irr ?? double.NaN;
                computed.MinDscr[k] = outcome.MinDscr ?? double.NaN;
                computed.FirstProductionMonths[k] = context.FirstProductionMonths(x);
                computed.FinancingCloses[k] = x.FinancingCloses;
            }, options.MaxThreads, options.Progress is { } progress ? new SynchronousProgress(progress, count) : null);
            draws = computed;
        }

        if (options.Shard is not null) return (null, draws);

        var tornado = new List<TornadoBar>();
        foreach (var bar in risk.Tornado)
        {
            double Npv(double value)
            {
                var m = Multipliers.Base.With(bar.Driver, value);
                return (double)context.Evaluate(resolver.Basis(m), m, committed: committed).NpvUsd;
            }

            tornado.Add(new TornadoBar(ScenarioNames.Key(bar.Driver.ToString()), bar.Low, bar.High, Npv(bar.Low), Npv(bar.High)));
        }

        // Execution drivers get their bars too: each alone at its low and high value, the rest as planned.
        foreach (var (driver, low, high, lowDraw, highDraw) in execution?.TornadoCases() ?? [])
        {
            double Npv(ExecutionDraw x) => (double)context.Evaluate(resolver.Basis(Multipliers.Base, x.SupplyShares), Multipliers.Base, x, committed).NpvUsd;
            tornado.Add(new TornadoBar(driver, low, high, Npv(lowDraw), Npv(highDraw)));
        }

        tornado.Sort((a, b) => Math.Abs(b.NpvHighUsd - b.NpvLowUsd).CompareTo(Math.Abs(a.NpvHighUsd - a.NpvLowUsd)));
        var summary = MonteCarlo.Summarise(draws.NpvUsd, draws.Irr);
        var result = new RiskResult(summary.Draws, options.Seed, summary.NpvP10Usd, summary.NpvP50Usd, summary.NpvP90Usd, summary.NpvMeanUsd,
            summary.ProbabilityNpvNegative, summary.IrrP50, summary.DrawsWithoutUniqueIrr, tornado)
        {
            Execution = ExecutionRiskResult.From(draws, context.Financing is not null, execution),
            NpvDistribution = NpvDistribution.From(draws.NpvUsd),
        };
        return (result, draws);
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

    /// <summary>The debt as committed at close: on the export credit, and on the fallback when it does not close.</summary>
    private sealed record Committed(FinancingTerms Closed, FinancingTerms? Fallback);

    /// <summary>Driver multipliers, 1 in the base case.</summary>
    private sealed record Multipliers(IReadOnlyDictionary<EconomicDriver, double> Values)
    {
        public static Multipliers Base { get; } = new(new Dictionary<EconomicDriver, double>());

        public double this[EconomicDriver driver] => Values.TryGetValue(driver, out var v) ? v : 1.0;

        public bool TouchesProcess => this[EconomicDriver.HpmsAvailability] != 1 || this[EconomicDriver.MagnetLineAvailability] != 1 || this[EconomicDriver.ExtractionYield] != 1;

        public Multipliers With(EconomicDriver driver, double value) => new(new Dictionary<EconomicDriver, double>(Values) { [driver] = value });

        // A draw's multipliers in one dictionary (a later value of a driver wins, as with With after With).
        public static Multipliers Of(EconomicDriver[] drivers, ReadOnlySpan<double> values)
        {
            var byDriver = new Dictionary<EconomicDriver, double>(drivers.Length);
            for (var i = 0; i < drivers.Length; i++) byDriver[drivers[i]] = values[i];
            return new(byDriver);
        }
    }

    /// <summary>Re-solves the flowsheet for draws that change process parameters.</summary>
    private sealed class ProcessResolver(Plant plant, ProductionBasis baseBasis) : IDisposable
    {
        private readonly double _baseLineCapacityKgPerYear =
            FlowsheetFactory.LineCapacity(plant.Definition, FlowsheetSolver.Solve(plant.Flowsheet), plant.MagnetLineCapacityKgPerYear);

        // Every draw builds the same graph with other parameters: each thread keeps its graph and solve plan.
        private readonly ThreadLocal<FlowsheetWorkspace> _workspaces = new(() => new FlowsheetWorkspace());

        public void Dispose() => _workspaces.Dispose();

        public ProductionBasis Basis(Multipliers m, IReadOnlyDictionary<string, double>? supplyShares = null)
        {
            var supply = supplyShares is { Count: > 0 } && supplyShares.Values.Any(v => v != 1);
            if (!m.TouchesProcess && !supply) return baseBasis;
            var definition = supply ? ExecutionSupply.Apply(plant.Definition, supplyShares!) : plant.Definition;
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
            try
            {
                // The base plant's line capacity is a close first guess, scaled with the jet mills when they bind.
                var baseJets = plant.MagnetLineCapacityKgPerYear;
                var guess = _baseLineCapacityKgPerYear >= baseJets * (1 - 1e-9)
                    ? _baseLineCapacityKgPerYear * changedDefinition.Station(StationId.JetMills).CapacityKgPerYear / baseJets
                    : _baseLineCapacityKgPerYear;
                var solution = FlowsheetFactory.Solve(changedDefinition, guess, _workspaces.Value);
                var drawn = plant with { Definition = changedDefinition, Flowsheet = solution.Flowsheet };
                return ProductionBasis.From(drawn, solution);
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
        private Context(Plant plant, EconomicsSection section, PriceDeck deck, Dictionary<string, ScrapPriceSpec> scrapPrices, MagnetGrade? soldGrade,
            IReadOnlyList<UncertainInput> inputs, IReadOnlyList<Correlation> correlations, EconomicsPlant.Models models, FinancingTerms? financing, ExecutionRisk? execution)
        {
            Financing = financing;
            Execution = execution;
            Models = models;
            Capital = CapitalModel.Estimate(models.Capital);
            Labour = LabourModel.Estimate(models.Labour);
            Plant = plant;
            Section = section;
            Deck = deck;
            ScrapPrices = scrapPrices;
            SoldGrade = soldGrade;
            Inputs = inputs;
            Correlations = correlations;
        }

        public Plant Plant { get; }

        /// <summary>The financing terms, checked; null for an all-equity project.</summary>
        public FinancingTerms? Financing { get; }

        /// <summary>The execution drivers, checked; null without economics.risk.execution.</summary>
        public ExecutionRisk? Execution { get; }

        /// <summary>Everything the Monte Carlo draws: the price and cost drivers, then the execution drivers, with their correlations.</summary>
        public (IReadOnlyList<UncertainInput> Inputs, IReadOnlyList<Correlation> Correlations) DrawnInputs =>
            Execution is { } x ? ([.. Inputs, .. x.Inputs], [.. Correlations, .. x.Correlations]) : (Inputs, Correlations);

        /// <summary>Months from the notice to proceed to first production in a draw.</summary>
        public double FirstProductionMonths(ExecutionDraw x) => Execution?.FirstProductionMonths(Section.ConstructionYears, x) ?? Section.ConstructionYears * 12;

        /// <summary>Capital, labour and pricing inputs, checked against the plant.</summary>
        public EconomicsPlant.Models Models { get; }

        public EconomicsSection Section { get; }

        public PriceDeck Deck { get; }

        public Dictionary<string, ScrapPriceSpec> ScrapPrices { get; }

        /// <summary>The grade stated in economics.magnetGrade, or null for the predicted grade.</summary>
        public MagnetGrade? SoldGrade { get; }

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
            foreach (var d in section.PriceDecks)
            {
                if (!decks.TryAdd(d.Name, d)) throw map.Error(d, nameof(PriceDeckSpec.Name), $"duplicate price deck '{d.Name}'");
                if (d.NdprPath is { Count: 0 }) throw map.Error(d, nameof(PriceDeckSpec.NdprPath), "needs at least one multiplier (or leave it out for a flat price)");
                var grades = new HashSet<MagnetGrade>();
                foreach (var g in d.GradePremiums)
                {
                    if (!grades.Add(Grade(map, g, nameof(GradePremiumSpec.Grade), g.Grade)))
                        throw map.Error(g, nameof(GradePremiumSpec.Grade), $"grade '{g.Grade}' has two premiums in deck '{d.Name}'");
                }
            }

            MagnetGrade? soldGrade = section.MagnetGrade is { } sold ? Grade(map, section, nameof(EconomicsSection.MagnetGrade), sold) : null;

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

            var financing = FinancingStudy.Terms(section, map);

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

            var sites = plant.Definition.Sites.Select(s => s.Id.Value).ToHashSet();
            var tariffSites = new HashSet<string>();
            foreach (var t in section.ElectricityTariffs)
            {
                RequireSite(map, sites, t, nameof(ElectricityTariffSpec.Site), t.Site);
                if (!tariffSites.Add(t.Site)) throw map.Error(t, nameof(ElectricityTariffSpec.Site), $"site '{t.Site}' has two electricity tariffs");
            }

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
                Numerics.GaussianCopula.Cholesky(MonteCarlo.CorrelationMatrix(inputs, correlations));
            }
            catch (ArgumentException e)
            {
                throw map.Error(risk, nameof(RiskSpec.Correlations), e.Message.Split(" (Parameter", 2)[0]);
            }

            var execution = ExecutionRisk.Create(plant, section, inputs, financing);
            if (execution is not null)
            {
                try
                {
                    Numerics.GaussianCopula.Cholesky(MonteCarlo.CorrelationMatrix([.. inputs, .. execution.Inputs], [.. correlations, .. execution.Correlations]));
                }
                catch (ArgumentException e)
                {
                    throw map.Error(risk.Execution!, nameof(ExecutionRiskSpec.Correlations), e.Message.Split(" (Parameter", 2)[0]);
                }
            }

            return new Context(plant, section, ToDeck(spec), scrapPrices, soldGrade, inputs, correlations, EconomicsPlant.Check(plant, section), financing, execution);
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
            Price(d.FreshRareEarth),
            d.NdprPath?.Select(m => (decimal)m).ToList())
        {
            DysprosiumMetalUsdPerKg = (decimal)d.DysprosiumMetalUsdPerKg,
            TerbiumMetalUsdPerKg = (decimal)d.TerbiumMetalUsdPerKg,
        };

        private static LinkedPrice Price(PriceSpec p) => new((decimal)p.UsdPerKg, (decimal)p.NdprLink);

        /// <summary>The capital estimate from the plant's equipment.</summary>
        public CapitalEstimate Capital { get; }

        /// <summary>The staff from the plant's stations and calendars.</summary>
        public LabourEstimate Labour { get; }

        private IReadOnlyList<CapexArea> Capex(decimal multiplier) =>
            Capital.Areas.Select(a => a with { BaseUsd = a.BaseUsd * multiplier }).ToList();

        /// <summary>Each product as sold at the steady-state prices of the base case.</summary>
        public IReadOnlyList<ProductSaleResult> Sales(ProductionBasis basis)
        {
            var deck = Deck.InOperatingYear(int.MaxValue);
            var grade = SoldGrade ?? basis.PredictedGrade;
            var sales = new List<ProductSaleResult>
            {
                new("Magnets", basis.MagnetKgPerYear / 1000, grade?.ToString() ?? "below grade",
                    deck.MagnetUsdPerKg(Models.Grades, grade is { } g ? EconomicsPlant.Quote(g) : null, grade?.ToString()), null, null, null),
            };
            foreach (var (name, content) in basis.CoProducts)
            {
                var sale = deck.CoProduct(Models.CoProducts, content);
                sales.Add(new(name, content.TotalKg / 1000, sale.Class ?? "unsold", sale.UsdPerKg(content), content.RareEarthFraction, content.OxygenFraction, content.CarryOverFraction));
            }

            foreach (var r in basis.Routes.Where(r => r.PayableShare > 0))
                sales.Add(new(RouteIds.LongLoopProduct.Value, r.ProductKg / 1000, $"{r.Name} product at {r.PayableShare:G3} of NdPr oxide value", r.PriceUsdPerKg(deck.NdprOxideUsdPerKg),
                    r.ProductKg > 0 ? r.RareEarthOutKg / r.ProductKg : null, null, null));

            return sales;
        }

        /// <summary>
        /// Each feed's margin at the base case's steady-state prices: its alloy priced by content as HPMS powder (the
        /// product a full plant makes more of with one more kg of feed), less purchase and freight; ranked by margin per
        /// kg of HPMS intake, the capacity that binds when supply exceeds the vessels.
        /// </summary>
        public IReadOnlyList<FeedMarginResult> FeedMargins(ProductionBasis basis)
        {
            var deck = Deck.InOperatingYear(int.MaxValue);
            var operating = Operating(basis, Multipliers.Base, Capital.TotalUsd);
            var offers = new List<FeedOffer>();
            foreach (var f in basis.Feeds)
            {
                var type = Plant.ScrapTypes[f.Id];
                var processed = f.ProcessedKgPerYear;
                var alloyKg = type.MagnetMassFraction.Value * type.SpokeMagnetRecovery.Value * type.HpmsExtractionYield.Value * (1 + type.OxygenMassFraction.Value);
                var alloy = type.MagnetAlloyWithOxygen;
                var content = new CoProductContent(alloyKg, alloyKg * (alloy[Component.Nd] + alloy[Component.Pr] + alloy[Component.Dy] + alloy[Component.Tb]),
                    alloyKg * alloy[Component.O], 0);
                var value = deck.CoProduct(Models.CoProducts, content).RevenueUsd;
                var purchase = operating.Scrap.Single(x => x.Feed == f.Id);
                var purchaseUsdPerKg = processed > 0
                    ? purchase.UsdPerKgScrap + ((decimal)(purchase.ContainedNdprKgPerYear / processed * purchase.ShareOfNdprValue) * OperatingCosts.OxidePerMetal * deck.NdprOxideUsdPerKg)
                    : purchase.UsdPerKgScrap;
                var freight = processed > 0 ? (decimal)f.ShippedTonnesPerYear * FreightUsdPerTonne(f) / (decimal)processed : 0;
                offers.Add(new FeedOffer(f.Id, f.OfferedKgPerYear, processed > 0 ? f.ShippedTonnesPerYear * 1000 / processed : 0, value, purchaseUsdPerKg, freight));
            }

            // Rejects returned to HPMS take vessel capacity ahead of any feed.
            var recycled = Math.Max(0, basis.HpmsIntakeKgPerYear - basis.Feeds.Sum(f => f.ShippedTonnesPerYear * 1000));
            var takes = FeedChoice.Choose(offers, Math.Max(0, Plant.HpmsCapacityKgPerYear - recycled));
            var best = takes.Where(t => t.Decision != FeedDecision.Unprofitable).Select(t => t.Offer.MarginUsdPerKgCapacity).DefaultIfEmpty(0).Max();
            return takes.OrderBy(t => t.Rank).Select(t => new FeedMarginResult(t.Offer.Feed, t.Rank, t.Offer.ValueUsdPerKg, t.Offer.PurchaseUsdPerKg, t.Offer.LogisticsUsdPerKg,
                t.Offer.MarginUsdPerKg, t.Offer.MarginUsdPerKgCapacity, t.Offer.OfferedKgPerYear / 1000, t.TakenKgPerYear / 1000, ScenarioNames.Key(t.Decision.ToString()), Why(t, best))).ToList();
        }

        private static string Why(FeedTake t, decimal best) => t.Decision switch
        {
            FeedDecision.TakenInFull => "taken in full: HPMS capacity is left after every feed that earns more per kg of vessel intake",
            FeedDecision.CutBack => $"cut back to {t.TakenShare:P0} of its offer: HPMS capacity runs out at this feed; it earns ${t.Offer.MarginUsdPerKgCapacity:N2} per kg of vessel intake, the best feed ${best:N2}",
            FeedDecision.NotTaken => $"not taken: feeds that earn more per kg of vessel intake fill the HPMS capacity (this one ${t.Offer.MarginUsdPerKgCapacity:N2}, the best ${best:N2})",
            _ => $"not taken: its margin is not positive (alloy ${t.Offer.ValueUsdPerKg:N2} against purchase ${t.Offer.PurchaseUsdPerKg:N2} and freight ${t.Offer.LogisticsUsdPerKg:N2} per kg of scrap)",
        };

        /// <summary>Opex lines at nameplate for the base case, for the report.</summary>
        public IReadOnlyList<OpexLine> OpexAtNameplate(ProductionBasis basis) =>
            OperatingCosts.Lines(Operating(basis, Multipliers.Base, Capex(1).Sum(a => a.TotalUsd)), Deck.InOperatingYear(int.MaxValue));

        /// <summary>
        /// The financing as committed at close: the debt sized on the base case (and the fallback's on the base case
        /// without the export credit), held at those amounts in every draw so a downside shows in the cover ratios.
        /// </summary>
        public Committed? Commit(ProductionBasis basis)
        {
            if (Financing is null) return null;
            var closed = FinancingModel.Committed(Financing, Evaluate(basis, Multipliers.Base).Financing!);
            var fallback = Execution?.FallbackTerms is { } f
                ? FinancingModel.Committed(f, Evaluate(basis, Multipliers.Base, ExecutionDraw.Plan with { FinancingCloses = false }).Financing!)
                : null;
            return new Committed(closed, fallback);
        }

        /// <summary>The project's outcome; <paramref name="committed"/> (from <see cref="Commit"/>) holds the debt at its base-case size, null sizes it to this case.</summary>
        public ProjectOutcome Evaluate(ProductionBasis basis, Multipliers m, ExecutionDraw? execution = null, Committed? committed = null)
        {
            var x = execution ?? ExecutionDraw.Plan;
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
                Financing = x.FinancingCloses ? committed?.Closed ?? Financing : committed?.Fallback ?? Execution!.FallbackTerms,
                DelayMonths = Execution?.TotalDelayMonths(x) ?? 0,
                DelayOverrunUsd = capexTotal * (decimal)((Execution?.Spec.OverrunSharePerMonth ?? 0) * x.ConstructionDelayMonths),
                RampUpStretch = x.RampUpStretch,
                Policy = x.Policy,
            };
            try
            {
                return CashFlowModel.Evaluate(inputs);
            }
            catch (ArgumentException e) when (e.ParamName == nameof(ProjectInputs.Financing))
            {
                throw Map.Error((object?)s.Financing ?? s.Loan!, null, e.Message.Split(" (Parameter", 2)[0]);
            }
        }

        private List<ProductSale> Products(ProductionBasis basis, PriceDeck deck)
        {
            var grade = SoldGrade ?? basis.PredictedGrade;
            var magnet = deck.MagnetUsdPerKg(Models.Grades, grade is { } g ? EconomicsPlant.Quote(g) : null, grade?.ToString());
            var products = new List<ProductSale> { new("Magnets", basis.MagnetKgPerYear, magnet, IsMagnet: true) };
            products.AddRange(basis.CoProducts.Select(c => new ProductSale(c.Key, c.Value.TotalKg, deck.CoProduct(Models.CoProducts, c.Value).UsdPerKg(c.Value), IsMagnet: false)));
            products.AddRange(basis.Routes.Where(r => r.PayableShare > 0).Select(r => new ProductSale(RouteIds.LongLoopProduct.Value, r.ProductKg, r.PriceUsdPerKg(deck.NdprOxideUsdPerKg), IsMagnet: false)));
            return products;
        }

        // Full rate within five years of commissioning (disclosure); the shape is an engineering assumption.
        private static readonly double[] DefaultRampUp = [0.4, 0.6, 0.8, 0.9, 1.0];

        // Electricity by site and gases at nameplate come from the plant energy model (docs/model-carbon.md), so the
        // cost and the footprint rest on the same equipment figures.
        private static UtilityQuantities Utilities(ProductionBasis basis) =>
            new(basis.Energy.ElectricityKWhPerYearBySite, basis.Energy.HydrogenKgPerYear, basis.Energy.ArgonKgPerYear, basis.Energy.NitrogenKgPerYear);

        // Each leg of a lane is paid at its own mode's rate.
        private decimal Rate(FreightMode mode) => (decimal)(mode == FreightMode.Rail ? Section.Freight.RailUsdPerTonneKm : Section.Freight.TruckUsdPerTonneKm);

        private decimal FreightUsdPerTonne(FeedBasis feed) => feed.Lane.KmByMode.Sum(leg => (decimal)leg.Km * Rate(leg.Mode));

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

            var shipments = basis.Feeds.Where(f => f.ShippedTonnesPerYear > 0)
                .SelectMany(f => f.Lane.KmByMode.Select(leg => new Shipment(f.Site, f.ShippedTonnesPerYear, leg.Km, Rate(leg.Mode))))
                .ToList();
            return new OperatingInputs
            {
                Scrap = scrap,
                FreshRareEarthKgPerYear = basis.FreshRareEarthKgPerYear,
                FreshDyKgPerYear = basis.FreshDyKgPerYear,
                FreshTbKgPerYear = basis.FreshTbKgPerYear,
                MagnetKgPerYear = basis.MagnetKgPerYear,
                ConsumablesUsdPerKgMagnet = (decimal)s.ConsumablesUsdPerKgMagnet,
                Utilities = utilities,
                UtilityPrices = new UtilityPrices(tariffs, (decimal)s.Gases.HydrogenUsdPerKg, (decimal)s.Gases.ArgonUsdPerKg, (decimal)s.Gases.NitrogenUsdPerKg),
                Labour = Labour.Roles,
                MaintenanceShareOfCapex = s.MaintenanceShareOfCapex,
                InsuranceShareOfCapex = s.InsuranceShareOfCapex,
                InitialCapexUsd = capexTotal,
                Shipments = shipments,
                GeneralAndAdministrativeUsdPerYear = (decimal)s.GeneralAndAdministrativeUsdPerYear,
                ScrapCostMultiplier = (decimal)m[EconomicDriver.ScrapCost],
                OpexMultiplier = (decimal)m[EconomicDriver.Opex],
                RouteLines = RouteFlows.CostLines(basis.Routes, s.Freight.TruckUsdPerTonneKm, s.Freight.RailUsdPerTonneKm),
            };
        }
    }

    /// <summary>What the economics reads from a solved plant.</summary>
    internal sealed record ProductionBasis(
        double MagnetKgPerYear,
        IReadOnlyDictionary<string, CoProductContent> CoProducts,
        double HpmsIntakeKgPerYear,
        double FreshRareEarthKgPerYear,
        double FreshDyKgPerYear,
        double FreshTbKgPerYear,
        string HubSite,
        IReadOnlyList<FeedBasis> Feeds,
        PlantEnergy Energy,
        MagnetGrade? PredictedGrade)
    {
        /// <summary>What the recycling routes take and make (empty for a short-loop plant).</summary>
        public IReadOnlyList<RouteFlows> Routes { get; init; } = [];

        /// <summary>
        /// What the economics reads from <paramref name="solution"/>; the energy record (its totals alone, without the
        /// carbon inventory's lines: <see cref="CarbonStudy.Energy"/>) and the products are computed here unless the
        /// caller already has them for this very solution.
        /// </summary>
        public static ProductionBasis From(Plant plant, FlowsheetSolution solution, PlantEnergy? energy = null, IReadOnlyList<MagnetProduct>? products = null)
        {
            var hub = plant.Definition.Hub.Id.Value;
            var feeds = plant.Definition.Feeds.Select(f =>
            {
                // As the study's feed table: supply times the feed scale, magnet alloy by the type's fraction.
                var type = f.ScrapType;
                var node = (FeedNode)plant.Flowsheet.NodesById[UnitId.Feed(f.Id).Value];
                var processedKg = node.Supply.TotalKgPerYear * solution.FeedScale;
                var ndpr = type.MagnetComposition[Component.Nd] + type.MagnetComposition[Component.Pr];
                var shipped = solution.StreamOrNothing(StreamId.ConcentrateToHub(f.Id)).TotalTonnesPerYear;
                return new FeedBasis(f.Id.Value, type.Id, f.Site.Value, node.Supply.TotalKgPerYear, processedKg, processedKg * type.MagnetMassFraction.Value * ndpr, shipped, Lane.ToHub(plant.Definition, f.Site));
            }).ToList();
            // The long loop's oxide or metal is priced by its own terms (Products), not by the co-product classes.
            var coProducts = plant.Flowsheet.Edges.Where(e => e.Outlet == OutletKind.CoProduct && e.Name != RouteIds.LongLoopProduct.Value)
                .GroupBy(e => e.Name).ToDictionary(g => g.Key, g => EconomicsPlant.Content(MassStream.Sum(g.Select(e => solution.Stream(e.Name)))));
            return new ProductionBasis(
                solution.Outlet(OutletKind.Magnet).TotalKgPerYear,
                coProducts,
                solution.Intake(UnitId.Hpms).TotalKgPerYear,
                solution.ExternalInput(ExternalInputs.FreshRareEarth).TotalKgPerYear,
                solution.ExternalInput(ExternalInputs.DiffusionHeavyRareEarth)[Component.Dy],
                solution.ExternalInput(ExternalInputs.DiffusionHeavyRareEarth)[Component.Tb],
                hub,
                feeds,
                energy ?? CarbonStudy.Energy(plant, solution),
                (products ?? MagnetStudy.Products(plant, solution)) is [{ Grade: not "none" } product, ..] ? MagnetGrade.Parse(product.Grade) : null)
            {
                Routes = RouteFlows.Of(plant.Definition, solution),
            };
        }
    }

    /// <summary>A feed as the economics sees it.</summary>
    internal sealed record FeedBasis(string Id, string ScrapType, string Site, double OfferedKgPerYear, double ProcessedKgPerYear, double ContainedNdprKgPerYear, double ShippedTonnesPerYear, Lane Lane);
}
