namespace MagLoop.Economics;

/// <summary>A weekly shift pattern: <c>ShiftsPerDay × HoursPerShift</c> on <c>DaysPerWeek</c> days.</summary>
/// <param name="ShiftsPerDay">Shifts per working day.</param>
/// <param name="HoursPerShift">Hours per shift.</param>
/// <param name="DaysPerWeek">Working days per week.</param>
public sealed record CrewCalendar(int ShiftsPerDay, double HoursPerShift, int DaysPerWeek)
{
    /// <summary>Weeks in a 365-day year (8,760 h / 168 h), as the plant simulation's calendars count them.</summary>
    public const double WeeksPerYear = 8760.0 / 168;

    /// <summary>Hours per year a post on this calendar is staffed.</summary>
    public double StaffedHoursPerYear => Math.Min(24, ShiftsPerDay * HoursPerShift) * DaysPerWeek * WeeksPerYear;
}

/// <summary>Operators a station needs: <c>Count × CrewPerUnitPerShift</c> posts, staffed whenever its calendar is open.</summary>
/// <param name="Station">Station (equipment) kind.</param>
/// <param name="Site">Site id.</param>
/// <param name="Count">Units at the station.</param>
/// <param name="CrewPerUnitPerShift">Operators per unit on each shift (0.5: one operator minds two units).</param>
/// <param name="Calendar">When the station runs.</param>
public sealed record StationCrew(string Station, string Site, int Count, double CrewPerUnitPerShift, CrewCalendar Calendar);

/// <summary>A support role at every site: <c>FixedPerSite + ShareOfOperators × the site's operators</c>.</summary>
/// <param name="Role">Role name (maintenance, quality, logistics, management and administration).</param>
/// <param name="ShareOfOperators">Full-time equivalents per operator at the same site.</param>
/// <param name="FixedPerHub">Full-time equivalents at a hub whatever its size.</param>
/// <param name="FixedPerSpoke">Full-time equivalents at a spoke whatever its size.</param>
public sealed record SupportRatio(string Role, double ShareOfOperators, double FixedPerHub, double FixedPerSpoke);

/// <summary>A loaded wage (wage, benefits, payroll taxes) for a role, at one site or (site null) at every site.</summary>
/// <param name="Role">Role name; <see cref="LabourModel.OperatorRole"/> for station crews.</param>
/// <param name="Site">Site id, or null for every site without its own line.</param>
/// <param name="UsdPerYear">Loaded wage per full-time equivalent.</param>
public sealed record LoadedWage(string Role, string? Site, decimal UsdPerYear);

/// <summary>What the labour model reads.</summary>
/// <param name="Crews">Crew of each station.</param>
/// <param name="Hubs">Hub site ids (for fixed support staff).</param>
/// <param name="Spokes">Spoke site ids; a spoke with no station still carries its fixed support staff.</param>
/// <param name="Support">Support roles.</param>
/// <param name="Wages">Loaded wages.</param>
/// <param name="PaidHoursPerFtePerYear">Hours one full-time equivalent covers in a year, leave and training taken out.</param>
public sealed record LabourInputs(
    IReadOnlyList<StationCrew> Crews,
    IReadOnlyList<string> Hubs,
    IReadOnlyList<string> Spokes,
    IReadOnlyList<SupportRatio> Support,
    IReadOnlyList<LoadedWage> Wages,
    double PaidHoursPerFtePerYear);

/// <summary>Staff by site and role, the jobs and the labour cost.</summary>
/// <param name="Roles">Headcount (full-time equivalents) and wage by role and site, for <see cref="OperatingInputs.Labour"/>.</param>
/// <param name="OperatorsByStation">Operators (FTE) by station kind and site.</param>
public sealed record LabourEstimate(IReadOnlyList<LabourRole> Roles, IReadOnlyList<StationStaff> OperatorsByStation)
{
    /// <summary>Full-time equivalents in all.</summary>
    public decimal TotalFte => Roles.Sum(r => r.Headcount);

    /// <summary>Jobs: the full-time equivalents rounded up to whole people (fractions of roles are shared posts).</summary>
    public int Jobs => (int)Math.Ceiling(TotalFte);

    /// <summary>Loaded labour cost per year.</summary>
    public decimal CostUsdPerYear => Roles.Sum(r => r.Headcount * r.LoadedWageUsdPerYear);

    /// <summary>Full-time equivalents by site.</summary>
    public IReadOnlyDictionary<string, decimal> FteBySite => Roles.GroupBy(r => r.Site).ToDictionary(g => g.Key, g => g.Sum(r => r.Headcount));
}

/// <summary>Operators of one station.</summary>
/// <param name="Station">Station kind.</param>
/// <param name="Site">Site id.</param>
/// <param name="Posts">Posts staffed on each open shift.</param>
/// <param name="Fte">Full-time equivalents that cover those posts over the calendar.</param>
public sealed record StationStaff(string Station, string Site, double Posts, double Fte);

/// <summary>
/// Headcount from the equipment and its calendars: each station needs <c>count × crew per unit per shift</c> posts,
/// staffed over the calendar's hours, so it takes <c>posts × staffed hours / paid hours per FTE</c> people; support
/// roles follow each site's operators and a fixed core. Pure; more units, more shifts or another spoke never lower
/// the headcount.
/// </summary>
public static class LabourModel
{
    /// <summary>Role name of station crews.</summary>
    public const string OperatorRole = "operators";

    /// <summary>The estimate; throws <see cref="ArgumentException"/> naming the first bad item.</summary>
    public static LabourEstimate Estimate(LabourInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!(inputs.PaidHoursPerFtePerYear > 0)) throw new ArgumentException("paid hours per FTE must be positive", nameof(inputs));
        var sites = inputs.Hubs.Concat(inputs.Spokes).ToList();
        var staff = new List<StationStaff>();
        foreach (var c in inputs.Crews)
        {
            if (!sites.Contains(c.Site)) throw new ArgumentException($"station '{c.Station}' stands at '{c.Site}', which is neither a hub nor a spoke", nameof(inputs));
            if (c.Count < 0 || c.CrewPerUnitPerShift < 0) throw new ArgumentException($"station '{c.Station}' at '{c.Site}' has a negative count or crew", nameof(inputs));
            var k = c.Calendar;
            if (k.ShiftsPerDay < 1 || k.HoursPerShift <= 0 || k.DaysPerWeek is < 1 or > 7)
                throw new ArgumentException($"station '{c.Station}' at '{c.Site}' has an empty calendar", nameof(inputs));
            var posts = c.Count * c.CrewPerUnitPerShift;
            staff.Add(new StationStaff(c.Station, c.Site, posts, posts * k.StaffedHoursPerYear / inputs.PaidHoursPerFtePerYear));
        }

        var roles = new List<LabourRole>();
        foreach (var site in sites)
        {
            var operators = staff.Where(s => s.Site == site).Sum(s => s.Fte);
            var isHub = inputs.Hubs.Contains(site);
            if (operators > 0) roles.Add(new LabourRole(OperatorRole, site, (decimal)operators, Wage(inputs.Wages, OperatorRole, site)));
            foreach (var r in inputs.Support)
            {
                if (r.ShareOfOperators < 0 || r.FixedPerHub < 0 || r.FixedPerSpoke < 0) throw new ArgumentException($"support role '{r.Role}' has a negative ratio", nameof(inputs));
                var fte = (r.ShareOfOperators * operators) + (isHub ? r.FixedPerHub : r.FixedPerSpoke);
                if (fte > 0) roles.Add(new LabourRole(r.Role, site, (decimal)fte, Wage(inputs.Wages, r.Role, site)));
            }
        }

        return new LabourEstimate(roles, staff);
    }

    private static decimal Wage(IReadOnlyList<LoadedWage> wages, string role, string site) =>
        (wages.FirstOrDefault(w => w.Role == role && w.Site == site) ?? wages.FirstOrDefault(w => w.Role == role && w.Site is null))?.UsdPerYear
        ?? throw new ArgumentException($"no loaded wage for role '{role}' at site '{site}'", nameof(wages));
}
