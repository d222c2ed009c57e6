module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'candidate-retrieval',
};
