// The price per SMS part the office pays its carrier, kept in this browser: the message step shows the
// cost of a preview with it and the send step repeats it in the confirmation.
import { useState } from 'react';

const PRICE_KEY = 'todoku.pricePerPart';

export function usePricePerPart(): [number, (n: number) => void] {
  const [price, setPrice] = useState(() => {
    const v = Number(localStorage.getItem(PRICE_KEY));
    return Number.isFinite(v) && v > 0 ? v : 3;
  });
  return [
    price,
    (n: number) => {
      localStorage.setItem(PRICE_KEY, String(n));
      setPrice(n);
    },
  ];
}
