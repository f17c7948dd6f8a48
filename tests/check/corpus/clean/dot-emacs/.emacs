;; ~/.emacs, the classic
(setq user-mail-address "dave@example.org")
(setq send-mail-function 'smtpmail-send-it)
(setq smtpmail-smtp-server "smtp.example.org")
(setq smtpmail-smtp-service 587)
