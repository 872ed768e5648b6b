namespace Convene.Core.Common;

/// <summary>Field limits shared by the domain, the schema and the API documentation.</summary>
public static class Limits
{
    public const int TitleLength = 255;
    public const int LocationLength = 254;
    public const int DescriptionLength = 32_000;
    public const int RejectReasonLength = 254;
    public const int NameLength = 200;
    public const int UserNameLength = 64;
    public const int EmailLength = 254;
    public const int MaxParticipants = 500;
    public const int MinPasswordLength = 4;
}
