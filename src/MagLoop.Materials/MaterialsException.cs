using MagLoop.Errors;

namespace MagLoop.Materials;

/// <summary>A user-facing error in material data: a bad composition, an unknown component or scrap type.</summary>
public sealed class MaterialsException(string message) : UserError(message);
