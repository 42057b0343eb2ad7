namespace DelTran.Core.Iso20022.Writing;

/// <summary>
/// One reason for a status: an ExternalStatusReason1Code (see <see cref="ReasonCode"/>) and optional free text.
/// Text longer than one AddtlInf (Max105Text) is split over several when written.
/// </summary>
public sealed record StatusReason
{
    public StatusReason(string code, string? additionalInformation = null)
    {
        // ExternalStatusReason1Code is 1 to 4 characters; anything else is a programming error, not data.
        if (string.IsNullOrEmpty(code) || code.Length > 4)
        {
            throw new ArgumentException($"'{code}' is not an ExternalStatusReason1Code (1 to 4 characters).", nameof(code));
        }

        Code = code;
        AdditionalInformation = additionalInformation;
    }

    public string Code { get; }

    public string? AdditionalInformation { get; }
}
