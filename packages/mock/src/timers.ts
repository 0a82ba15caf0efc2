/** The longest delay setTimeout honours; above it, Node fires the timer at once. */
export const maxTimerMs = 2 ** 31 - 1;
