import { useState } from 'react';
import { DayPicker } from 'react-day-picker';
import { zhCN } from 'react-day-picker/locale/zh-CN';
import 'react-day-picker/style.css';
import { beijingDay, beijingInstant, isDay } from '../period';

const BEIJING = 'Asia/Shanghai';

/**
 * 日期: typed 年-月-日 (with 时:分:秒 for a 时刻) or picked from a Chinese calendar, always Beijing
 * time: a browser's own date input follows its locale (mm/dd/yyyy) and zone, which an auditor must not have to translate.
 */
export function DateField({ id, label, value, onChange, withTime = false, required = false }: { id: string; label: string; value: string; onChange: (value: string) => void; withTime?: boolean; required?: boolean }) {
  const [picking, setPicking] = useState(false);
  const day = value.slice(0, 10);
  const time = value.slice(11);
  const problem = value !== '' && (withTime ? beijingInstant(value) === undefined : !isDay(value));
  return (
    <span className="date-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        size={withTime ? 19 : 10}
        placeholder={withTime ? '年-月-日 时:分:秒' : '年-月-日'}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required={required}
        aria-invalid={problem}
        aria-describedby={problem ? `${id}-problem` : undefined}
      />
      <button type="button" aria-label={`在日历中选择${label}`} aria-expanded={picking} aria-controls={`${id}-calendar`} onClick={() => setPicking(!picking)}>
        日历
      </button>
      {problem && (
        <span id={`${id}-problem`} className="field-problem" role="alert">
          {withTime ? '请按 年-月-日 时:分:秒 填写（北京时间），如 2026-12-05 10:25:00' : '请按 年-月-日 填写，如 2026-12-05'}
        </span>
      )}
      {picking && (
        <div id={`${id}-calendar`} className="calendar" role="dialog" aria-label={`选择${label}`}>
          <DayPicker
            mode="single"
            locale={zhCN}
            timeZone={BEIJING}
            captionLayout="dropdown"
            autoFocus
            selected={isDay(day) ? new Date(`${day}T12:00:00+08:00`) : undefined}
            defaultMonth={isDay(day) ? new Date(`${day}T12:00:00+08:00`) : undefined}
            onSelect={(picked) => {
              if (!picked) return;
              onChange(withTime ? `${beijingDay(picked)} ${time || '00:00:00'}` : beijingDay(picked));
              setPicking(false);
            }}
          />
        </div>
      )}
    </span>
  );
}
