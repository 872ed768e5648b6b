namespace Convene.Core.Directory;

/// <summary>The seeds' AssociateType: an employee (user) or a resource such as a room.</summary>
public enum AssociateKind
{
    Employee = 0,
    Resource = 1,
}
