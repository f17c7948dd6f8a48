;;; init.el -*- lexical-binding: t -*-

(setq user-full-name "Tom Eriksen"
      user-mail-address "tom@eriksen.no")

(defun my/reload-init ()
  "Reload the init file."
  (interactive)
  (load-file user-init-file)))

(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.eriksen.no"
      smtpmail-smtp-service 587)
