;; read by Gnus only
(setq gnus-select-method '(nnml ""))
