using Microsoft.EntityFrameworkCore;

namespace MagLoop.Traceability.Storage;

/// <summary>
/// The traceability store. <c>events</c> is the append-only ledger (each row hashed and chained); <c>lots</c>,
/// <c>lot_events</c>, <c>links</c> and <c>measurements</c> are projections of it kept for queries. Table and column
/// names are snake_case and identical on SQLite and PostgreSQL, so the capture SQL is the same on both.
/// </summary>
public sealed class TraceDbContext(DbContextOptions<TraceDbContext> options) : DbContext(options)
{
    /// <summary>The ledger.</summary>
    public DbSet<EventRecord> Events => Set<EventRecord>();

    /// <summary>One row per lot.</summary>
    public DbSet<LotRecord> Lots => Set<LotRecord>();

    /// <summary>Which lots each event touched, and how.</summary>
    public DbSet<LotEventRecord> LotEvents => Set<LotEventRecord>();

    /// <summary>Genealogy edges: input lot to output lot with the input's mass fraction.</summary>
    public DbSet<LinkRecord> Links => Set<LinkRecord>();

    /// <summary>The <c>@context</c> values the events share.</summary>
    public DbSet<ContextRecord> Contexts => Set<ContextRecord>();

    /// <summary>Assays and magnet tests.</summary>
    public DbSet<MeasurementRecord> Measurements => Set<MeasurementRecord>();

    /// <summary>API keys of the server (hashes only).</summary>
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    /// <summary>Capture jobs of the server.</summary>
    public DbSet<CaptureJobRecord> CaptureJobs => Set<CaptureJobRecord>();

    /// <summary>Named queries of the server.</summary>
    public DbSet<NamedQueryRecord> NamedQueries => Set<NamedQueryRecord>();

    /// <summary>Webhook subscriptions of the server with their delivery state.</summary>
    public DbSet<SubscriptionRecord> Subscriptions => Set<SubscriptionRecord>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // No index for events.context_id (EF adds one for every foreign key; it is the model's only one): nothing looks
        // events up by context, and it would cost bytes on every event; deleting a context (never done) may scan.
        configurationBuilder.Conventions.Remove(typeof(Microsoft.EntityFrameworkCore.Metadata.Conventions.ForeignKeyIndexConvention));
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EventRecord>(e =>
        {
            e.ToTable("events");
            e.HasKey(x => x.Seq);
            e.Property(x => x.Seq).HasColumnName("seq").ValueGeneratedNever();
            // The 32 bytes of a CBV 2.0 event hash id, or the id's UTF-8 (StoredEventId): not the 89-character text twice.
            e.Property(x => x.EventId).HasColumnName("event_id").HasConversion(StoredEventId.Converter).IsRequired();
            e.Property(x => x.Kind).HasColumnName("kind").IsRequired();
            e.Property(x => x.Action).HasColumnName("action");
            e.Property(x => x.EventTimeUnixMs).HasColumnName("event_time_ms");
            e.Property(x => x.RecordTimeUnixMs).HasColumnName("record_time_ms");
            e.Property(x => x.BizStep).HasColumnName("biz_step");
            e.Property(x => x.Disposition).HasColumnName("disposition");
            e.Property(x => x.Body).HasColumnName("body").IsRequired();
            e.Property(x => x.ContextId).HasColumnName("context_id");
            e.HasOne(x => x.Context).WithMany().HasForeignKey(x => x.ContextId).HasConstraintName("fk_events_context").OnDelete(DeleteBehavior.Restrict);
            // Every read of an event needs its @context to restore the canonical form: one join, always.
            e.Navigation(x => x.Context).AutoInclude();
            e.Ignore(x => x.CanonicalJson);
            e.Ignore(x => x.ChainHashHex);
            e.Property(x => x.ChainHash).HasColumnName("chain_hash").IsRequired();
            e.Property(x => x.Custody).HasColumnName("custody");
            // PostgreSQL's unique eventID index; on SQLite the MergedEventIds migration replaces it by event_ids (EventIdTail).
            e.HasIndex(x => x.EventId).IsUnique().HasDatabaseName("ix_events_event_id");
            e.HasIndex(x => x.EventTimeUnixMs).HasDatabaseName("ix_events_event_time");
            e.HasIndex(x => x.BizStep).HasDatabaseName("ix_events_biz_step");
            // Events captured with custody off have no lot_events rows, so an epcClass query reads them besides the lot's
            // (custody = 0 OR seq IN ...): with this partial index (empty while custody is on) both databases answer the
            // OR from two index searches instead of scanning the ledger.
            e.HasIndex(x => x.Custody).HasFilter("custody = 0").HasDatabaseName("ix_events_custody_off");
        });
        modelBuilder.Entity<ContextRecord>(e =>
        {
            e.ToTable("contexts");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.Json).HasColumnName("json").IsRequired();
            e.HasIndex(x => x.Json).IsUnique().HasDatabaseName("ix_contexts_json");
        });
        modelBuilder.Entity<LotRecord>(e =>
        {
            e.ToTable("lots");
            e.HasKey(x => x.Lot);
            e.Property(x => x.Lot).HasColumnName("lot");
            e.Property(x => x.CreatedSeq).HasColumnName("created_seq");
            e.Property(x => x.CreatedUnixMs).HasColumnName("created_ms");
            e.Property(x => x.MassKg).HasColumnName("mass_kg");
            e.Property(x => x.MaterialClass).HasColumnName("material_class");
            e.Property(x => x.Mined).HasColumnName("mined");
            e.Property(x => x.Refined).HasColumnName("refined");
            e.Property(x => x.Separated).HasColumnName("separated");
            e.Property(x => x.Melted).HasColumnName("melted");
            e.Property(x => x.Produced).HasColumnName("produced");
            e.Property(x => x.RecoveredIn).HasColumnName("recovered_in");
        });
        modelBuilder.Entity<LotEventRecord>(e =>
        {
            e.ToTable("lot_events");
            e.HasKey(x => new { x.EventSeq, x.Role, x.Lot });
            e.Property(x => x.EventSeq).HasColumnName("event_seq");
            e.Property(x => x.Role).HasColumnName("role");
            e.Property(x => x.Lot).HasColumnName("lot");
            e.Property(x => x.MassKg).HasColumnName("mass_kg");
            e.HasIndex(x => x.Lot).HasDatabaseName("ix_lot_events_lot");
        });
        modelBuilder.Entity<LinkRecord>(e =>
        {
            e.ToTable("links");
            e.HasKey(x => new { x.ToLot, x.FromLot });
            e.Property(x => x.ToLot).HasColumnName("to_lot");
            e.Property(x => x.FromLot).HasColumnName("from_lot");
            e.Property(x => x.EventSeq).HasColumnName("event_seq");
            e.Property(x => x.Fraction).HasColumnName("fraction");
            e.HasIndex(x => x.FromLot).HasDatabaseName("ix_links_from_lot");
        });
        modelBuilder.Entity<MeasurementRecord>(e =>
        {
            e.ToTable("measurements");
            e.HasKey(x => new { x.EventSeq, x.Ordinal });
            e.Property(x => x.EventSeq).HasColumnName("event_seq");
            e.Property(x => x.Ordinal).HasColumnName("ordinal");
            e.Property(x => x.Type).HasColumnName("type").IsRequired();
            e.Property(x => x.Substance).HasColumnName("substance");
            e.Property(x => x.Value).HasColumnName("value");
            e.Property(x => x.Uom).HasColumnName("uom");
        });
        modelBuilder.Entity<ApiKeyRecord>(e =>
        {
            e.ToTable("api_keys");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.KeyHash).HasColumnName("key_hash").IsRequired();
            e.Property(x => x.Role).HasColumnName("role").IsRequired();
            e.Property(x => x.Site).HasColumnName("site").IsRequired();
            e.Property(x => x.CreatedUnixMs).HasColumnName("created_ms");
            e.Property(x => x.ExpiresUnixMs).HasColumnName("expires_ms");
            e.Property(x => x.RevokedUnixMs).HasColumnName("revoked_ms");
            e.HasIndex(x => x.KeyHash).IsUnique().HasDatabaseName("ix_api_keys_key_hash");
        });
        modelBuilder.Entity<CaptureJobRecord>(e =>
        {
            e.ToTable("capture_jobs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.KeyId).HasColumnName("key_id").IsRequired();
            e.Property(x => x.CreatedUnixMs).HasColumnName("created_ms");
            e.Property(x => x.FinishedUnixMs).HasColumnName("finished_ms");
            e.Property(x => x.Running).HasColumnName("running");
            e.Property(x => x.Success).HasColumnName("success");
            e.Property(x => x.Appended).HasColumnName("appended");
            e.Property(x => x.Duplicates).HasColumnName("duplicates");
            e.Property(x => x.ErrorsJson).HasColumnName("errors_json").IsRequired();
            e.HasIndex(x => x.CreatedUnixMs).HasDatabaseName("ix_capture_jobs_created");
        });
        modelBuilder.Entity<NamedQueryRecord>(e =>
        {
            e.ToTable("named_queries");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasColumnName("name");
            e.Property(x => x.QueryJson).HasColumnName("query_json").IsRequired();
            e.Property(x => x.KeyId).HasColumnName("key_id").IsRequired();
            e.Property(x => x.CreatedUnixMs).HasColumnName("created_ms");
        });
        modelBuilder.Entity<SubscriptionRecord>(e =>
        {
            e.ToTable("subscriptions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.QueryName).HasColumnName("query_name").IsRequired();
            e.Property(x => x.Dest).HasColumnName("dest").IsRequired();
            e.Property(x => x.SignatureToken).HasColumnName("signature_token");
            e.Property(x => x.KeyId).HasColumnName("key_id").IsRequired();
            e.Property(x => x.CreatedUnixMs).HasColumnName("created_ms");
            e.Property(x => x.ScheduleJson).HasColumnName("schedule_json");
            e.Property(x => x.ReportIfEmpty).HasColumnName("report_if_empty");
            e.Property(x => x.LastSeq).HasColumnName("last_seq");
            e.Property(x => x.LastNotifiedUnixMs).HasColumnName("last_notified_ms");
            e.Property(x => x.Attempts).HasColumnName("attempts");
            e.Property(x => x.NextAttemptUnixMs).HasColumnName("next_attempt_ms");
            e.Property(x => x.LastError).HasColumnName("last_error");
            e.Property(x => x.ClaimedBy).HasColumnName("claimed_by");
            e.Property(x => x.ClaimedUntilUnixMs).HasColumnName("claimed_until_ms");
            e.HasIndex(x => x.QueryName).HasDatabaseName("ix_subscriptions_query_name");
        });
    }
}

/// <summary>A stored event (ledger row). Rows are never updated or deleted (triggers refuse it).</summary>
public sealed class EventRecord
{
    /// <summary>Position in the ledger, 1, 2, 3 ... without gaps.</summary>
    public long Seq { get; set; }

    /// <summary>EPCIS eventID.</summary>
    public string EventId { get; set; } = "";

    /// <summary>Event type name.</summary>
    public string Kind { get; set; } = "";

    /// <summary>ADD, OBSERVE, DELETE or null.</summary>
    public string? Action { get; set; }

    /// <summary>eventTime, Unix milliseconds UTC.</summary>
    public long EventTimeUnixMs { get; set; }

    /// <summary>Capture time, Unix milliseconds UTC.</summary>
    public long RecordTimeUnixMs { get; set; }

    /// <summary>bizStep as given.</summary>
    public string? BizStep { get; set; }

    /// <summary>disposition as given.</summary>
    public string? Disposition { get; set; }

    /// <summary>The canonical JSON with the members the columns hold marked (<see cref="EventFormat"/>).</summary>
    public string Body { get; set; } = "";

    /// <summary>The <c>contexts</c> row of the event's <c>@context</c>, if the body marks it.</summary>
    public int? ContextId { get; set; }

    /// <summary>The <c>@context</c> (loaded with every event).</summary>
    public ContextRecord? Context { get; set; }

    /// <summary>Canonical JSON of the event, as hashed: the body with its members put back.</summary>
    public string CanonicalJson => EventFormat.Restore(Body, EventId, Kind, Action, BizStep, Disposition, Context?.Json);

    /// <summary>
    /// SHA-256 over the previous chain hash, the content hash (SHA-256 of <see cref="CanonicalJson"/>, not stored: it
    /// follows from the content), seq and record time (and the custody mode when off), 32 bytes.
    /// </summary>
    public byte[] ChainHash { get; set; } = [];

    /// <summary><see cref="ChainHash"/> as lower-case hex, the form the chain is computed in.</summary>
    public string ChainHashHex => Convert.ToHexStringLower(ChainHash);

    /// <summary>
    /// 1: read as MagLoop lots under the custody rules (its projection rows follow from it); 0: captured with custody
    /// off, a standard event without lot effect. Part of the chain hash, so it cannot be flipped unnoticed.
    /// </summary>
    public int Custody { get; set; } = 1;
}

/// <summary>An <c>@context</c> value (JSON text, as in the canonical form) that stored events share.</summary>
public sealed class ContextRecord
{
    /// <summary>Row id.</summary>
    public int Id { get; set; }

    /// <summary>The value's canonical JSON text.</summary>
    public string Json { get; set; } = "";
}

/// <summary>A lot: its mass when created and its master data. What later events consumed is summed from lot_events, so rows are never updated.</summary>
public sealed class LotRecord
{
    /// <summary>Lot id.</summary>
    public string Lot { get; set; } = "";

    /// <summary>Seq of the creating event.</summary>
    public long CreatedSeq { get; set; }

    /// <summary>eventTime of the creating event, Unix ms.</summary>
    public long CreatedUnixMs { get; set; }

    /// <summary>Mass created, kg.</summary>
    public double MassKg { get; set; }

    /// <summary>Material class (JSON form) if declared.</summary>
    public string? MaterialClass { get; set; }

    /// <summary>Country where mined.</summary>
    public string? Mined { get; set; }

    /// <summary>Country where refined.</summary>
    public string? Refined { get; set; }

    /// <summary>Country where separated.</summary>
    public string? Separated { get; set; }

    /// <summary>Country where melted.</summary>
    public string? Melted { get; set; }

    /// <summary>Country where produced.</summary>
    public string? Produced { get; set; }

    /// <summary>Country where recycled material was recovered.</summary>
    public string? RecoveredIn { get; set; }
}

/// <summary>A lot touched by an event.</summary>
public sealed class LotEventRecord
{
    /// <summary>Event seq.</summary>
    public long EventSeq { get; set; }

    /// <summary>0 consumed, 1 created, 2 observed.</summary>
    public int Role { get; set; }

    /// <summary>Lot id.</summary>
    public string Lot { get; set; } = "";

    /// <summary>Mass, kg.</summary>
    public double MassKg { get; set; }
}

/// <summary>A genealogy edge: <see cref="ToLot"/> was made from <see cref="FromLot"/>, which gave <see cref="Fraction"/> of its inputs by mass.</summary>
public sealed class LinkRecord
{
    /// <summary>Output lot.</summary>
    public string ToLot { get; set; } = "";

    /// <summary>Input lot.</summary>
    public string FromLot { get; set; } = "";

    /// <summary>Creating event seq.</summary>
    public long EventSeq { get; set; }

    /// <summary>Input mass over the event's total input mass.</summary>
    public double Fraction { get; set; }
}

/// <summary>A stored measurement.</summary>
public sealed class MeasurementRecord
{
    /// <summary>Event seq.</summary>
    public long EventSeq { get; set; }

    /// <summary>Position within the event.</summary>
    public int Ordinal { get; set; }

    /// <summary>Measurement type.</summary>
    public string Type { get; set; } = "";

    /// <summary>Element or substance.</summary>
    public string? Substance { get; set; }

    /// <summary>Value.</summary>
    public double Value { get; set; }

    /// <summary>Unit code, if any.</summary>
    public string? Uom { get; set; }
}
