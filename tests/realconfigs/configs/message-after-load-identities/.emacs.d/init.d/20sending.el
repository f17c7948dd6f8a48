;; send-mail-function's default changed to sendmail-query-once in Emacs 24
(setq send-mail-function 'sendmail-send-it)
(require 'message)
(setq message-send-mail-function 'message-send-mail-with-sendmail)
(define-key message-mode-map (kbd "C-c C-p") 'gnus-alias-select-identity)
