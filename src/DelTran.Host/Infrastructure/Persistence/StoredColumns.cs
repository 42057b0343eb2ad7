using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;
using DelTran.Core.Pipeline;
using DelTran.Core.Risk;
using DelTran.Core.Settlement;
using DelTran.Core.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// The Core types a column may hold, each with its one converter. The column types stay what they were (text, or uuid for
/// a UETR), so typing a property changes no schema; a stored value its type cannot hold fails the read, naming the column.
/// </summary>
public static class StoredColumns
{
    /// <summary>A converter's column before the model names it (EF builds one per type to discover the properties).</summary>
    public const string Unnamed = "(unnamed)";

    /// <summary>Makes every property of these types a column with its converter, wherever it is declared.</summary>
    public static void Register(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<Currency>().HaveConversion<CurrencyConverter>();
        configurationBuilder.Properties<Bic>().HaveConversion<BicConverter>();
        configurationBuilder.Properties<Uetr>().HaveConversion<UetrConverter>();
        configurationBuilder.Properties<Corridor>().HaveConversion<CorridorConverter>();
        configurationBuilder.Properties<WindowState>().HaveConversion<WindowStateConverter>();
        configurationBuilder.Properties<SettlementDirection>().HaveConversion<SettlementDirectionConverter>();
        configurationBuilder.Properties<SettlementInstructionStatus>().HaveConversion<SettlementInstructionStatusConverter>();
        configurationBuilder.Properties<TransactionState>().HaveConversion<TransactionStateConverter>();
        configurationBuilder.Properties<MessageLifecycle>().HaveConversion<MessageLifecycleConverter>();
        configurationBuilder.Properties<BreakerSubject>().HaveConversion<BreakerSubjectConverter>();
        configurationBuilder.Properties<BreakerTransition>().HaveConversion<EnumNameConverter<BreakerTransition>>();
        configurationBuilder.Properties<BreakerState>().HaveConversion<EnumNameConverter<BreakerState>>();
        configurationBuilder.Properties<BreakerCause>().HaveConversion<EnumNameConverter<BreakerCause>>();
        configurationBuilder.Properties<TokenOperationKind>().HaveConversion<EnumNameConverter<TokenOperationKind>>();
        configurationBuilder.Properties<TokenOperationStatus>().HaveConversion<EnumNameConverter<TokenOperationStatus>>();
    }

    /// <summary>Gives a typed property a converter that names its column ("obligations.currency") in any failure.</summary>
    public static void NameColumn(IMutableProperty property, string column)
    {
        ArgumentNullException.ThrowIfNull(property);
        Type type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        ValueConverter? converter =
            type == typeof(Currency) ? new CurrencyConverter(column)
            : type == typeof(Bic) ? new BicConverter(column)
            : type == typeof(Uetr) ? new UetrConverter(column)
            : type == typeof(Corridor) ? new CorridorConverter(column)
            : type == typeof(WindowState) ? new WindowStateConverter(column)
            : type == typeof(SettlementDirection) ? new SettlementDirectionConverter(column)
            : type == typeof(SettlementInstructionStatus) ? new SettlementInstructionStatusConverter(column)
            : type == typeof(TransactionState) ? new TransactionStateConverter(column)
            : type == typeof(MessageLifecycle) ? new MessageLifecycleConverter(column)
            : type == typeof(BreakerSubject) ? new BreakerSubjectConverter(column)
            : type == typeof(BreakerTransition) ? new EnumNameConverter<BreakerTransition>(column)
            : type == typeof(BreakerState) ? new EnumNameConverter<BreakerState>(column)
            : type == typeof(BreakerCause) ? new EnumNameConverter<BreakerCause>(column)
            : type == typeof(TokenOperationKind) ? new EnumNameConverter<TokenOperationKind>(column)
            : type == typeof(TokenOperationStatus) ? new EnumNameConverter<TokenOperationStatus>(column)
            : null;
        if (converter is not null)
        {
            property.SetValueConverter(converter);
        }
    }
}
