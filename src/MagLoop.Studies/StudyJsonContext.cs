using System.Text.Json;
using System.Text.Json.Serialization;

namespace MagLoop.Studies;

// The study result's serialisation metadata, generated at build time: the reflection-based metadata of its few
// hundred types cost `study --json` about 0.1 s at start-up. Other types still resolve by reflection.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(StudyResult))]
internal sealed partial class StudyJsonContext : JsonSerializerContext;
