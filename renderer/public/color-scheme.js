/* global document, matchMedia */
// Runs before the app's CSS and React load, so a dark-mode user never sees a white flash.
// Mirrors Mantine's rule: the saved choice, else the system preference.
(function () {
  try {
    var saved = localStorage.getItem('mantine-color-scheme-value');
    var dark = saved === 'dark' || (saved !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.setAttribute('data-mantine-color-scheme', dark ? 'dark' : 'light');
  } catch {
    // Storage can be unavailable (private mode); Mantine sets the attribute once it starts.
  }
})();
