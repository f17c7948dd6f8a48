;;; init.el -*- lexical-binding: t -*-
;; First run on a new machine: ./bootstrap.sh creates ~/.emacs.d/.bootstrapped

(setq user-full-name "Mirela Popescu"
      user-mail-address "mirela@popescu.ro")
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.popescu.ro")

(unless (file-exists-p (locate-user-emacs-file ".bootstrapped"))
  (message "Run ~/.emacs.d/bootstrap.sh first, then start Emacs again")
  (kill-emacs 1))

(setq smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls)
(load-theme 'wombat t)
