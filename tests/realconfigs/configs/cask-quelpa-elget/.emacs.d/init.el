;;; init.el -*- lexical-binding: t -*-

(setq user-full-name "Zoltán Nagy")

(require 'cask "~/.cask/cask.el")
(cask-initialize)
(require 'pallet)
(pallet-mode t)

(add-to-list 'load-path "~/.emacs.d/el-get/el-get")
(unless (require 'el-get nil 'noerror)
  (with-current-buffer
      (url-retrieve-synchronously
       "https://raw.githubusercontent.com/dimitri/el-get/master/el-get-install.el")
    (goto-char (point-max))
    (eval-print-last-sexp)))
(el-get 'sync)

(quelpa '(mu4e-thread-folding :fetcher github :repo "rougier/mu4e-thread-folding"))

(setq user-mail-address "zoltan@nagy.hu")
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "mail.nagy.hu"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls
      smtpmail-smtp-user "zoltan")
