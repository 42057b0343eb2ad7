namespace DelTran.Core.Tests.Support.Mutation;

/// <summary>How a mutant was made from its sample.</summary>
public enum MutationKind
{
    /// <summary>An element copied right after itself, now and then many times over.</summary>
    Duplicate,

    /// <summary>An element removed.</summary>
    Delete,

    /// <summary>An element swapped with its next sibling element.</summary>
    Swap,

    /// <summary>A choice branch replaced by another branch of the same choice (Cd/Prtry, IBAN/Othr, Dt/DtTm, BICFI/ClrSysMmbId...).</summary>
    Choice,

    /// <summary>The text of a leaf element, or an attribute's value, replaced by a boundary or hostile value.</summary>
    Text,

    /// <summary>An element from another sample grafted in, in our namespace or its own.</summary>
    Graft,

    /// <summary>The file cut short at a random byte.</summary>
    Truncate,

    /// <summary>A few bytes flipped or overwritten with markup and encoding bytes.</summary>
    Flip,
}
