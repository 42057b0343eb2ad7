using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Tests.Iso20022;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("SRCBINBB", true)]
    [InlineData("SRCBINBBXXX", true)]
    [InlineData("EPRLAEAD071", true)]
    [InlineData("1RCBINBB", true)]
    [InlineData("SRCBZZBB", false)]
    [InlineData("SRCBIN", false)]
    [InlineData("SRCBINBBXX", false)]
    [InlineData("srcbinbb", false)]
    [InlineData("SRCB1NBB", false)]
    [InlineData("SRCBINB-", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Bic_Parses_OnlyWellFormedCodesWithAnAssignedCountry(string? text, bool valid)
    {
        Assert.Equal(valid, Bic.TryParse(text, out Bic bic));
        if (valid)
        {
            Assert.Equal(text![..8], bic.Institution);
        }
    }

    [Theory]
    [InlineData("srcbinbb", "SRCBINBB")]
    [InlineData("SrcBinBbXxx", "SRCBINBBXXX")]
    [InlineData("EPRLAEAD", "EPRLAEAD")]
    [InlineData("srcbzzbb", "srcbzzbb")]
    [InlineData("not a bic", "not a bic")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Bic_Normalize_WritesABicInUpperCase_AndKeepsAnythingElseAsRead(string? text, string? written)
    {
        Assert.Equal(written, Bic.Normalize(text));
        Assert.False(Bic.TryParse("srcbinbb", out _));
        Assert.True(Bic.TryParseAnyCase("srcbinbb", out Bic bic) && bic.Value == "SRCBINBB");
    }

    [Theory]
    [InlineData("SRCBINBBXXX", "SRCBINBB")]
    [InlineData("SRCBINBB123", "SRCBINBB")]
    [InlineData("SRCBINBB", "SRCBINBB")]
    public void Bic_ToInstitution_IsTheBic8_WhateverTheBranch(string text, string institution)
    {
        Assert.Equal(Bic.Parse(institution), Bic.Parse(text).ToInstitution());
    }

    [Fact]
    public void Bic_SameInstitution_IgnoresTheBranch()
    {
        Assert.True(Bic.Parse("SRCBINBBXXX").SameInstitution(Bic.Parse("SRCBINBB")));
        Assert.False(Bic.Parse("SRCBINBB").SameInstitution(Bic.Parse("KVRIINBB")));
    }

    [Theory]
    [InlineData("AE070331234567890123456", true)]
    [InlineData("GB82WEST12345698765432", true)]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("AE080331234567890123456", false)]
    [InlineData("AE07033123456789012345", false)]
    [InlineData("ZZ070331234567890123456", false)]
    [InlineData("ae070331234567890123456", false)]
    [InlineData("AE07 0331 2345 6789 0123 456", false)]
    [InlineData(null, false)]
    public void Iban_Parses_OnlyRegistryLengthAndValidCheckDigits(string? text, bool valid)
    {
        Assert.Equal(valid, Iban.TryParse(text, out _));
    }

    [Fact]
    public void Iban_Masked_ShowsOnlyCountryAndLastFour()
    {
        Assert.Equal("AE…3456", Iban.TryParse("AE070331234567890123456", out Iban iban) ? iban.Masked : null);
    }

    [Theory]
    [InlineData("eb6305c9-1f7f-49de-aed0-16487c27b42d", true)]
    [InlineData("EB6305C9-1F7F-49DE-AED0-16487C27B42D", false)]
    [InlineData("eb6305c9-1f7f-39de-aed0-16487c27b42d", false)]
    [InlineData("eb6305c9-1f7f-49de-ced0-16487c27b42d", false)]
    [InlineData("eb6305c91f7f49deaed016487c27b42d", false)]
    public void Uetr_Parses_OnlyLowercaseVersion4(string text, bool valid)
    {
        Assert.Equal(valid, Uetr.TryParse(text, out _));
    }

    [Fact]
    public void Uetr_FromGuid_AlwaysYieldsAParseableVersion4()
    {
        for (int i = 0; i < 1000; i++)
        {
            Uetr uetr = Uetr.FromGuid(Guid.NewGuid());
            Assert.True(Uetr.TryParse(uetr.ToString(), out Uetr parsed));
            Assert.Equal(uetr, parsed);
        }
    }

    [Theory]
    [InlineData("INR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KWD", 3)]
    public void Currency_KnowsMinorUnits(string code, int units)
    {
        Assert.Equal(units, Currency.Parse(code).MinorUnits);
    }

    [Theory]
    [InlineData("inr")]
    [InlineData("IN")]
    [InlineData("INRR")]
    [InlineData("")]
    public void Currency_RefusesMalformedCodes(string code)
    {
        Assert.False(Currency.TryParse(code, out _));
    }
}
