using DelTran.Core.Reporting;

namespace DelTran.Core.Tests.Reporting;

public sealed class AuditPackTablesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 16, 5, 12, TimeSpan.FromHours(4));

    private static ExportField[] Fields<TRow>(IReadOnlyList<ExportColumn<TRow>> columns, TRow row)
    {
        var fields = new ExportField[columns.Count];
        AuditPackTables.Fill(columns, row, fields);
        return fields;
    }

    private static ObligationExportRow Obligation() => new(
        "INR-20261201-1", 42, new Guid("0b7f9a2e-3c41-4e8a-9d55-1f2e3d4c5b6a"), new Guid("5d1e8c3a-2f4b-4a6d-9c8e-0a1b2c3d4e5f"),
        "E2E-1", "Sahyadri Textiles", "Deira Textile Machinery", "INR", 845000m, new DateOnly(2026, 12, 2), "USD", 10125.5m, 83.452m, At,
        "6F0C2A9B41D87E3355A0C1B2D3E4F506", "fx-20261201-01", "USD→INR SellBase 83.452");

    [Fact]
    public void Obligations_WritesInvariantTextInColumnOrder()
    {
        string[] texts = [.. Fields(AuditPackTables.Obligations, Obligation()).Select(f => f.Text)];

        Assert.Equal(
            ["INR-20261201-1", "42", "0b7f9a2e-3c41-4e8a-9d55-1f2e3d4c5b6a", "5d1e8c3a-2f4b-4a6d-9c8e-0a1b2c3d4e5f", "E2E-1", "Sahyadri Textiles",
             "Deira Textile Machinery", "INR", "845000.00", "2026-12-02", "USD", "10125.50", "83.452", "2026-12-01T16:05:12+04:00",
             "6F0C2A9B41D87E3355A0C1B2D3E4F506", "fx-20261201-01", "USD→INR SellBase 83.452"],
            texts);
    }

    [Fact]
    public void Obligations_LeaveTheDecisionFieldsEmpty_ForAnObligationNeitherScreenedNorConverted()
    {
        string[] texts = [.. Fields(AuditPackTables.Obligations, Obligation() with { ScreeningListSet = null, FxRateTable = null, FxPath = null }).Select(f => f.Text)];

        Assert.Equal(["", "", ""], texts[^3..]);
    }

    [Fact]
    public void Headers_AreSnakeCase_ForEveryTable()
    {
        string[] headers =
        [
            .. AuditPackTables.Obligations.Select(c => c.Header), .. AuditPackTables.NetPositions.Select(c => c.Header),
            .. AuditPackTables.Settlements.Select(c => c.Header), .. AuditPackTables.Rejects.Select(c => c.Header),
            .. AuditPackTables.ControlTotals.Select(c => c.Header),
        ];

        Assert.All(headers, h => Assert.Matches("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", h));
        Assert.Equal(["window_id", "participant", "currency", "debit", "credit", "net"], AuditPackTables.NetPositions.Select(c => c.Header));
    }

    [Theory]
    [InlineData("1500", "INR", "1500.00", 2)]
    [InlineData("-1500.5", "AED", "-1500.50", 2)]
    [InlineData("1500", "JPY", "1500", 0)]
    [InlineData("1.5", "KWD", "1.500", 3)]
    [InlineData("45912.50000", "AED", "45912.50", 2)]
    public void OfMoney_UsesTheCurrencysMinorUnits(string amount, string currency, string expected, int decimals)
    {
        ExportField field = ExportField.OfMoney(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency);

        Assert.Equal(expected, field.Text);
        Assert.Equal(decimals, field.Decimals);
        Assert.Equal(ExportFieldKind.Amount, field.Kind);
    }

    [Fact]
    public void OfMoney_KeepsEveryDigit_WhenRoundingToMinorUnitsWouldChangeTheAmount()
    {
        Assert.Equal("10.125", ExportField.OfMoney(10.125m, "INR").Text);
        Assert.Equal("7.5", ExportField.OfMoney(7.5m, "XYZ").Text);
        Assert.Equal("7.5", ExportField.OfMoney(7.5m, null).Text);
    }

    [Fact]
    public void Rejects_LeavesMissingFieldsEmpty()
    {
        var reject = new RejectExportRow(Guid.Empty, null, null, null, null, null, null, "FF01", null, At);

        ExportField[] fields = Fields(AuditPackTables.Rejects, reject);

        // A reason code without a text is its own reason.
        Assert.Equal(["00000000-0000-0000-0000-000000000000", "", "", "", "", "", "", "FF01", "FF01", "2026-12-01T16:05:12+04:00"], fields.Select(f => f.Text));
        Assert.True(fields[6].IsEmpty);
    }

    [Fact]
    public void Rejects_WritesBicsInUpperCase_AndEveryReasonInOneReadableCell()
    {
        var reject = new RejectExportRow(
            Guid.Empty, null, "E2E-1", "srcbinbb", "EprlAeadXXX", "INR", 1500.125m, "RC01",
            "RC01 /Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAgt/FinInstnId/BICFI: BIC 'srcbinbb' is not a valid BIC.\n"
            + "AM12 /Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt: Amount 1500.125 has 3 decimals; INR allows 2.",
            At);

        string[] texts = [.. Fields(AuditPackTables.Rejects, reject).Select(f => f.Text)];

        Assert.Equal(["SRCBINBB", "EPRLAEADXXX", "INR", "1500.125", "RC01"], texts[3..8]);
        Assert.Equal(
            "RC01: BIC 'srcbinbb' is not a valid BIC. (/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAgt/FinInstnId/BICFI); "
            + "AM12: Amount 1500.125 has 3 decimals, INR allows 2. (/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt)",
            texts[8]);
    }

    [Fact]
    public void ControlTotals_WriteTheNettingEfficiencyAsAFractionWithFourDecimals()
    {
        var totals = new ControlTotalRow("INR-000001", "INR", 2, 3500m, 3500m, 3500m, 0m, 1m - (3000m / 7000m), 1500m, 1500m);

        ExportField efficiency = Fields(AuditPackTables.ControlTotals, totals)[7];

        Assert.Equal(("0.5714", 4), (efficiency.Text, efficiency.Decimals));
    }

    [Fact]
    public void OfTimestamp_KeepsTheOffsetAndFraction()
    {
        Assert.Equal("2026-12-01T09:30:00.25+00:00", ExportField.Of(new DateTimeOffset(2026, 12, 1, 9, 30, 0, 250, TimeSpan.Zero)).Text);
    }

    [Fact]
    public void Fill_Throws_WhenTheArrayDoesNotMatchTheColumns()
    {
        Assert.Throws<ArgumentException>(() => AuditPackTables.Fill(AuditPackTables.NetPositions, new NetPositionExportRow("W", "P", "INR", 1m, 2m, 1m), new ExportField[3]));
    }
}
