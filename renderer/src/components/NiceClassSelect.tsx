const NICE_CLASSES = Array.from({ length: 45 }, (_, i) => i + 1);

/** Nice classes 1-45 with an "any" choice; used for the goods' class and for filtering results. */
export function NiceClassSelect({ value, anyLabel, onChange }: {
  value: number | undefined;
  anyLabel: string;
  onChange(v: number | undefined): void;
}) {
  return (
    <select value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)}>
      <option value="">{anyLabel}</option>
      {NICE_CLASSES.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  );
}
