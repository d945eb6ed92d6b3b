namespace MagLoop.Traceability.Storage;

/// <summary>An API key of the traceability server. Only the key's SHA-256 is stored; the key itself is shown once.</summary>
public sealed class ApiKeyRecord
{
    /// <summary>Public id of the key (what <c>keys list</c> shows and <c>keys revoke</c> takes).</summary>
    public string Id { get; set; } = "";

    /// <summary>SHA-256 of the whole key, lower-case hex.</summary>
    public string KeyHash { get; set; } = "";

    /// <summary>Role name: operator, quality, auditor or admin.</summary>
    public string Role { get; set; } = "";

    /// <summary>Site (a location identifier) the key is bound to.</summary>
    public string Site { get; set; } = "";

    /// <summary>Creation time, Unix ms UTC.</summary>
    public long CreatedUnixMs { get; set; }

    /// <summary>Expiry time, Unix ms UTC, or null for none.</summary>
    public long? ExpiresUnixMs { get; set; }

    /// <summary>Revocation time, Unix ms UTC, or null while the key is valid.</summary>
    public long? RevokedUnixMs { get; set; }
}

/// <summary>A capture job of the EPCIS REST binding (POST /capture): its state and, on failure, every error.</summary>
public sealed class CaptureJobRecord
{
    /// <summary>Capture id (the Location <c>/capture/{id}</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>Id of the API key that submitted it.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>Submission time, Unix ms UTC.</summary>
    public long CreatedUnixMs { get; set; }

    /// <summary>Completion time, Unix ms UTC, or null while running.</summary>
    public long? FinishedUnixMs { get; set; }

    /// <summary>True while the job has not finished.</summary>
    public bool Running { get; set; }

    /// <summary>True unless an error occurred.</summary>
    public bool Success { get; set; }

    /// <summary>Events appended.</summary>
    public int Appended { get; set; }

    /// <summary>Events recognised as already stored.</summary>
    public int Duplicates { get; set; }

    /// <summary>The errors as a JSON array of EPCIS problem objects (empty array on success).</summary>
    public string ErrorsJson { get; set; } = "[]";
}

/// <summary>
/// A named query of the EPCIS REST binding (POST /queries): a stored SimpleEventQuery definition that
/// <c>GET /queries/{name}/events</c> runs against the store as it is then.
/// </summary>
public sealed class NamedQueryRecord
{
    /// <summary>Query name (the Location <c>/queries/{name}</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The definition's <c>query</c> object as JSON (parameter name to a value or a list of values).</summary>
    public string QueryJson { get; set; } = "{}";

    /// <summary>Id of the API key that created it.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>Creation time, Unix ms UTC.</summary>
    public long CreatedUnixMs { get; set; }
}
