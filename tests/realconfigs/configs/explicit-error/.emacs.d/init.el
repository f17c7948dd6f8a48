;;; init.el  -*- lexical-binding: t -*-

(setq user-full-name "Pablo Ruiz"
      user-mail-address "pablo@ruiz.es")

(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.ruiz.es")

(defvar my/machine-file (expand-file-name "machine.el" user-emacs-directory)
  "Per-machine settings; every machine must have one.")

(unless (file-exists-p my/machine-file)
  (error "No %s: copy machine.el.example and edit it" my/machine-file))

(load my/machine-file)

(setq smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls)
