namespace DelTran.Host.Api;

/// <summary>Who an endpoint admits: participants (their X-Api-Key), operators (X-Api-Key or HTTP Basic), or both.</summary>
public sealed record EndpointAccess(bool Participants, bool Operators)
{
    public static readonly EndpointAccess ParticipantsOnly = new(true, false);
    public static readonly EndpointAccess OperatorsOnly = new(false, true);
    public static readonly EndpointAccess ParticipantsAndOperators = new(true, true);
}
