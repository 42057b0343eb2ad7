namespace DelTran.Core.Screening;

/// <summary>The published formats <see cref="ListLoader"/> reads.</summary>
public enum ListFormat
{
    /// <summary>OFAC legacy CSV: sdn.csv with its alt.csv and add.csv (also cons_prim.csv / cons_alt.csv / cons_add.csv).</summary>
    OfacCsv,

    /// <summary>OFAC XML in the sdnList schema: SDN.XML and the Consolidated (non-SDN) list.</summary>
    OfacXml,

    /// <summary>UN Security Council Consolidated List XML.</summary>
    UnXml,

    /// <summary>EU financial sanctions XML 1.1 (export, sanctionEntity).</summary>
    EuFsf11Xml,

    /// <summary>EU financial sanctions XML 1.0, the old global.xml (WHOLE, ENTITY).</summary>
    EuGlobal10Xml,

    /// <summary>HM Treasury / OFSI ConList.csv.</summary>
    UkConListCsv,
}
