import { AddRecordCard } from "@/components/record-form";
import { useFormErrors } from "@/lib/form-errors";
import { useSell } from "@/lib/queries";
import { TRADE_GRID } from "./holding-input";
import { EMPTY_SALE, readSaleInput, SALE_ERROR_FIELDS } from "./sale-input";
import { TradeFields } from "./TradeFields";

/** Records a sale; the backend's errors (an oversell names `amount`) show at their field, the input is kept. */
export function SellForm() {
  const sell = useSell();
  const errors = useFormErrors(SALE_ERROR_FIELDS);
  return (
    <AddRecordCard
      id="sell-form"
      title="Record a sale"
      submitId="sell-submit"
      submitLabel="Record sale"
      gridClassName={TRADE_GRID}
      pending={sell.isPending}
      errors={errors}
      save={(form) => sell.mutateAsync(readSaleInput(form))}
    >
      <TradeFields values={EMPTY_SALE} errors={errors} priceLabel="Sell price" />
    </AddRecordCard>
  );
}
