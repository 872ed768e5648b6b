namespace Convene.Core.Common;

/// <summary>The signed-in associate on whose behalf an operation runs.</summary>
public sealed record Viewer(int AssociateId, bool IsAdministrator);
