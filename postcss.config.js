// Mantine's CSS helpers (light-dark mixins, rem()) compile through its preset.
export default {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
