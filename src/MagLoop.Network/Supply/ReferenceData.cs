using System.Text.Json;
using MagLoop.Errors;

namespace MagLoop.Network.Supply;

/// <summary>A candidate site from candidate-sites.csv.</summary>
/// <param name="Id">Site id (<c>site_id</c>).</param>
/// <param name="Name">Place name.</param>
/// <param name="State">State postal code.</param>
/// <param name="CountyFips">County FIPS code.</param>
/// <param name="Role">hub, spoke, reference or candidate, as the file gives it.</param>
/// <param name="LatitudeDeg">Latitude (GeoNames place point).</param>
/// <param name="LongitudeDeg">Longitude.</param>
public sealed record ReferenceSite(string Id, string Name, string State, string CountyFips, string Role, double LatitudeDeg, double LongitudeDeg);

/// <summary>One row of freight-emission-cost-circuity-factors.csv.</summary>
/// <param name="Id">parameter_id.</param>
/// <param name="Value">The value as written (may be empty or a range for rows not retrieved).</param>
/// <param name="Unit">Unit as written.</param>
/// <param name="Source">Source.</param>
/// <param name="Status">published, derived or not retrieved.</param>
/// <param name="Line">Line in the file.</param>
public sealed record FreightFactor(string Id, string Value, string Unit, string Source, string Status, int Line);

/// <summary>
/// The network-planner reference data in ../shared/reference/network-data (README.md there gives each file's
/// source, licence and processing). Read from the folder, never copied into the repository; each file is read once.
/// </summary>
public sealed class ReferenceData
{
    /// <summary>File names in the folder.</summary>
    public const string PopulationFile = "state-population-2020-2024.csv", DataCentreFile = "datacenters-by-state-im3-osm-2025.csv",
        EvFile = "ev-registrations-by-state-2016-2023.csv", WindFile = "wind-capacity-by-state-year-uswtdb-v4_2.csv",
        SitesFile = "candidate-sites.csv", FreightFile = "freight-emission-cost-circuity-factors.csv", OutlinesFile = "us-states-contiguous.geojson";

    /// <summary>First and last year of the population table (July 1 estimates).</summary>
    public const int FirstPopulationYear = 2020, LastPopulationYear = 2024;

    /// <summary>First and last year of the BEV registration table.</summary>
    public const int FirstEvYear = 2016, LastEvYear = 2023;

    private readonly Lazy<IReadOnlyDictionary<string, double[]>> _population;
    private readonly Lazy<IReadOnlySet<string>> _contiguous;
    private readonly Lazy<IReadOnlyDictionary<string, double>> _floorArea;
    private readonly Lazy<IReadOnlyDictionary<string, double[]>> _bev;
    private readonly Lazy<IReadOnlyDictionary<(string State, int Year), double>> _windMw;
    private readonly Lazy<IReadOnlyList<ReferenceSite>> _sites;
    private readonly Lazy<IReadOnlyDictionary<string, FreightFactor>> _freight;
    private readonly Lazy<IReadOnlyDictionary<string, (double Lat, double Lon)>> _centroids;

    private ReferenceData(string folder)
    {
        Folder = folder;
        _population = new(() => ReadPopulation(Table(PopulationFile)));
        _contiguous = new(() =>
        {
            var t = Table(PopulationFile);
            int postal = t.Column("postal"), flag = t.Column("contiguous_48_plus_dc");
            return t.Rows.Where(r => r.Text(flag) == "true").Select(r => r.Text(postal)).ToHashSet(StringComparer.Ordinal);
        });
        _floorArea = new(() =>
        {
            var t = Table(DataCentreFile);
            int postal = t.Column("postal"), sqft = t.Column("building_footprint_sqft");
            return t.Rows.ToDictionary(r => r.Text(postal), r => r.Number(sqft, "building_footprint_sqft"), StringComparer.Ordinal);
        });
        _bev = new(() =>
        {
            var t = Table(EvFile);
            var postal = t.Column("postal");
            var columns = Enumerable.Range(FirstEvYear, LastEvYear - FirstEvYear + 1).Select(y => t.Column($"bev_{y}")).ToArray();
            return t.Rows.ToDictionary(r => r.Text(postal), r => columns.Select(c => r.Number(c, t.Header[c])).ToArray(), StringComparer.Ordinal);
        });
        _windMw = new(() =>
        {
            var t = Table(WindFile);
            int postal = t.Column("postal"), year = t.Column("project_online_year"), mw = t.Column("capacity_mw");
            return t.Rows.ToDictionary(r => (r.Text(postal), (int)r.Number(year, "project_online_year")), r => r.Number(mw, "capacity_mw"));
        });
        _sites = new(() =>
        {
            var t = Table(SitesFile);
            int id = t.Column("site_id"), name = t.Column("name"), state = t.Column("state"), county = t.Column("county_fips"),
                role = t.Column("role"), lat = t.Column("lat"), lon = t.Column("lon");
            return t.Rows.Select(r => new ReferenceSite(r.Text(id), r.Text(name), r.Text(state), r.Text(county), r.Text(role),
                r.Number(lat, "lat"), r.Number(lon, "lon"))).ToList();
        });
        _freight = new(() =>
        {
            var t = Table(FreightFile);
            int id = t.Column("parameter_id"), value = t.Column("value"), unit = t.Column("unit"), source = t.Column("source"), status = t.Column("status");
            return t.Rows.ToDictionary(r => r.Text(id), r => new FreightFactor(r.Text(id), r.Text(value), r.Text(unit), r.Text(source), r.Text(status), r.Line), StringComparer.Ordinal);
        });
        _centroids = new(ReadCentroids);
    }

    /// <summary>The folder the files are read from.</summary>
    public string Folder { get; }

    /// <summary>
    /// Opens the reference data in <paramref name="folder"/>; a <see cref="UserError"/> saying where the data is
    /// expected when the folder or its candidate-sites.csv is missing (the data is not part of the repository).
    /// </summary>
    public static ReferenceData Open(string folder, InputLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!File.Exists(Path.Combine(folder, SitesFile)))
            throw new UserError($"network reference data not found: expected {SitesFile} and the other files of shared/reference/network-data in '{Path.GetFullPath(folder)}'; set `data:` to that folder", "data", location);
        return new ReferenceData(folder);
    }

    /// <summary>
    /// The nearest <c>shared/reference/network-data</c> folder in <paramref name="start"/> or one of its parents
    /// (the repository's ../shared), or null when there is none.
    /// </summary>
    public static string? FindDefaultFolder(string start)
    {
        ArgumentNullException.ThrowIfNull(start);
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "network-data");
            if (File.Exists(Path.Combine(candidate, SitesFile))) return candidate;
        }

        return null;
    }

    /// <summary>Postal codes of the 48 contiguous states and DC.</summary>
    public IReadOnlySet<string> ContiguousStates => _contiguous.Value;

    /// <summary>Resident population of a state on July 1 of a year (2020-2024; later years hold 2024, earlier 2020).</summary>
    public double Population(string state, int year)
    {
        if (!_population.Value.TryGetValue(state, out var byYear)) return 0;
        return byYear[Math.Clamp(year, FirstPopulationYear, LastPopulationYear) - FirstPopulationYear];
    }

    /// <summary>Data-centre building footprint of a state, sq ft (IM3 atlas from OpenStreetMap, ODbL); 0 for a state without a row.</summary>
    public double DataCentreFloorAreaSqft(string state) => _floorArea.Value.GetValueOrDefault(state);

    /// <summary>National total of <see cref="DataCentreFloorAreaSqft"/> over the file's rows.</summary>
    public double NationalDataCentreFloorAreaSqft => _floorArea.Value.Values.Sum();

    /// <summary>Light-duty BEVs registered in a state at the end of a year (2016-2023), 0 outside those years or for an unknown state.</summary>
    public double BevStock(string state, int year) =>
        year is >= FirstEvYear and <= LastEvYear && _bev.Value.TryGetValue(state, out var byYear) ? byYear[year - FirstEvYear] : 0;

    /// <summary>Wind capacity that came online in a state in a year, MW (USWTDB v4.2); 0 where the file has no row.</summary>
    public double WindMwOnline(string state, int year) => _windMw.Value.GetValueOrDefault((state, year));

    /// <summary>Candidate sites in file order.</summary>
    public IReadOnlyList<ReferenceSite> Sites => _sites.Value;

    /// <summary>Freight factors by parameter id.</summary>
    public IReadOnlyDictionary<string, FreightFactor> Freight => _freight.Value;

    /// <summary>Centroid (latitude, longitude) of a contiguous state's outline, or null outside the outlines file.</summary>
    public (double LatitudeDeg, double LongitudeDeg)? Centroid(string state) =>
        _centroids.Value.TryGetValue(state, out var c) ? (c.Lat, c.Lon) : null;

    /// <summary>Path of a file in the folder.</summary>
    public string PathOf(string file) => Path.Combine(Folder, file);

    private CsvTable Table(string file) => CsvTable.Read(PathOf(file));

    private static Dictionary<string, double[]> ReadPopulation(CsvTable t)
    {
        var postal = t.Column("postal");
        var columns = Enumerable.Range(FirstPopulationYear, LastPopulationYear - FirstPopulationYear + 1).Select(y => t.Column($"pop_{y}_07_01")).ToArray();
        return t.Rows.ToDictionary(r => r.Text(postal), r => columns.Select(c => r.Number(c, t.Header[c])).ToArray(), StringComparer.Ordinal);
    }

    // Area-weighted centroid of each state's polygons (outer rings) in the lon/lat plane: a collection point for
    // state-level supply, good to a few tens of km against distances of hundreds.
    private Dictionary<string, (double Lat, double Lon)> ReadCentroids()
    {
        var path = PathOf(OutlinesFile);
        if (!File.Exists(path)) throw new UserError($"reference data file not found: '{path}'", "data");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var result = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var postal = feature.GetProperty("properties").GetProperty("postal").GetString()!;
            var geometry = feature.GetProperty("geometry");
            var polygons = geometry.GetProperty("type").GetString() == "Polygon"
                ? [geometry.GetProperty("coordinates")]
                : geometry.GetProperty("coordinates").EnumerateArray().ToList();
            double area = 0, x = 0, y = 0;
            foreach (var polygon in polygons)
            {
                var ring = polygon.EnumerateArray().First().EnumerateArray().Select(p => (Lon: p[0].GetDouble(), Lat: p[1].GetDouble())).ToList();
                for (var i = 0; i < ring.Count; i++)
                {
                    var (x0, y0) = ring[i];
                    var (x1, y1) = ring[(i + 1) % ring.Count];
                    var cross = (x0 * y1) - (x1 * y0);
                    area += cross;
                    x += (x0 + x1) * cross;
                    y += (y0 + y1) * cross;
                }
            }

            result[postal] = (y / (3 * area), x / (3 * area));
        }

        return result;
    }
}
